"""A small Kumppani cluster for one test: two gunicorn web nodes, two Celery workers, one beat, an S3 server.

Every process gets its own empty media folder and its own memory; what they share is what production shares:
the test database, Redis (broker and cache), the S3-compatible bucket (moto's server) and an SMTP server.
Ports are picked free at run time; `Cluster.stop()` ends every process it started.
"""

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import requests

from kumppani.tests.processes import database_url

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "kumppani-two-nodes"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, log=lambda: ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except (requests.ConnectionError, OSError):
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what() if callable(what) else what} did not happen in {timeout} s\n{log()}")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        text = self.log_path.read_text(errors="replace")
        return f"--- {self.name} ---\n" + (text if len(text) < 5000 else text[:1500] + "\n[…]\n" + text[-3500:])


@dataclass
class Browser:
    """One person's browser: its cookies go to whichever node it talks to (as behind a load balancer).

    The nodes run with DEBUG off, so cookies are Secure and CSRF checks the origin; each request says it came
    through an HTTPS proxy (X-Forwarded-Proto), as in production.
    """

    cookies: dict = field(default_factory=dict)

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        base = re.match(r"https?://[^/]+", url).group(0)
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": base.replace("http://", "https://"),
            "Referer": url.replace("http://", "https://"),
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(method, url, headers=headers, allow_redirects=False, timeout=20, **kwargs)
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response

    def get(self, url: str) -> requests.Response:
        return self.request("GET", url)

    def post_form(self, url: str, data: dict, files: dict | None = None) -> requests.Response:
        """GET the form page for its CSRF token, then POST the form."""
        page = self.get(url)
        assert page.status_code == 200, (url, page.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("POST", url, data={"csrfmiddlewaretoken": token, **data}, files=files)


def link_with_text(page: str, text: str) -> str:
    found = re.search(r'<a href="([^"]+)"[^>]*>\s*' + re.escape(text) + r"\s*</a>", page)
    assert found, f"no link {text!r} on the page"
    return html.unescape(found.group(1))


class Cluster:
    def __init__(self, base: Path, *, broker_url: str, smtp_port: int):
        self.base = base
        self.processes: list[Process] = []
        self.s3_port = free_port()
        self.s3_url = f"http://127.0.0.1:{self.s3_port}"
        self.media = {name: base / f"media-{name}" for name in ("a", "b", "worker1", "worker2", "beat")}
        for folder in self.media.values():
            folder.mkdir()
        self.common_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kumppani.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            # The cache shares the broker's Redis database; Django's keys (":1:…") and Celery's do not meet.
            "CACHE_URL": broker_url,
            # A fresh cache for each run: the database is emptied between tests behind the cache's back.
            "CACHE_KEY_PREFIX": f"two-nodes-{uuid.uuid4().hex}",
            "DEBUG": "false",
            "SECRET_KEY": "two-node-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3_url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "10",
            "LOG_LEVEL": "WARNING",
        }
        self.common_env.pop("TEST_DATABASE_NAME", None)
        self.common_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.nodes: dict[str, str] = {}
        self.worker_names: list[str] = []

    def _start(self, name: str, args: list[str], media: Path | None = None, **env) -> Process:
        log_path = self.base / f"{name}.log"
        environment = {**self.common_env, **env}
        if media is not None:
            environment["MEDIA_ROOT"] = str(media)
        # Its own home: gunicorn keeps a control socket there, which two nodes must not share.
        home = self.base / f"home-{name}"
        home.mkdir()
        environment["HOME"] = str(home)
        with open(log_path, "w") as log:
            popen = subprocess.Popen(
                [sys.executable, *args], cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
            )
        process = Process(name, popen, log_path)
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(process.log() for process in self.processes)

    def start(self) -> None:
        self._start("s3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.s3_port)])
        for name in ("a", "b"):
            port = free_port()
            self.nodes[name] = f"http://127.0.0.1:{port}"
            self._start(
                f"node-{name}",
                ["-m", "gunicorn", "kumppani.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                media=self.media[name],
                SITE_URL=self.nodes[name],
            )
        for number in (1, 2):
            worker = f"two-nodes-{number}-{os.getpid()}@127.0.0.1"
            self.worker_names.append(worker)
            self._start(
                f"worker{number}",
                [
                    *("-m", "celery", "-A", "kumppani", "worker", "--pool=solo", "--loglevel=INFO", "-n", worker),
                    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                ],
                media=self.media[f"worker{number}"],
            )
        self._start(
            "beat",
            ["-m", "celery", "-A", "kumppani", "beat", "--loglevel=INFO", "--max-interval=1"],
            media=self.media["beat"],
            LOG_LEVEL="INFO",
        )

    def wait_ready(self, celery_app, timeout: float = 120) -> dict[str, float]:
        """Wait until every process answers; returns when each did, in seconds from the call.

        The timeout is generous for a machine running several suites at once; the test bounds its own time.
        """
        import boto3

        began = time.monotonic()

        def s3_up():
            if requests.get(self.s3_url, timeout=2).status_code >= 500:
                return False
            self.s3 = boto3.client(
                "s3",
                endpoint_url=self.s3_url,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
            self.s3.create_bucket(Bucket=BUCKET)
            return True

        def node_up(url):
            return Browser().get(f"{url}/accounts/login/").status_code == 200

        def workers_up():
            answers = celery_app.control.ping(destination=self.worker_names, timeout=0.5)
            return {name for answer in answers for name in answer} == set(self.worker_names)

        checks = {"s3": s3_up, "workers": workers_up}
        checks.update({f"node {name}": (lambda url=url: node_up(url)) for name, url in self.nodes.items()})
        ready: dict[str, float] = {}

        def all_up():
            for name, check in checks.items():
                if name not in ready:
                    try:
                        if check():
                            ready[name] = round(time.monotonic() - began, 1)
                    except (requests.ConnectionError, OSError):
                        pass
            return len(ready) == len(checks)

        wait_for(all_up, timeout, lambda: f"every process answering (ready: {ready})", self.logs)
        return ready

    def files_on_local_disk(self) -> dict[str, list[str]]:
        return {
            name: [str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()]
            for name, folder in self.media.items()
        }

    def stop(self) -> None:
        """End every process: gunicorn by SIGINT (its quick shutdown; SIGTERM waits for keep-alive clients),
        the rest by SIGTERM; whatever still runs after 10 s in all is killed."""
        for process in self.processes:
            if process.popen.poll() is None:
                process.popen.send_signal(signal.SIGINT if process.name.startswith("node") else signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes:
            try:
                process.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.popen.kill()
                process.popen.wait()
