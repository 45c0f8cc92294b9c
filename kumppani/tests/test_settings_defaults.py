"""What a deployment gets when it sets nothing: no debug mode, no HSTS preload, throttled logins and API."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'preload': s.SECURE_HSTS_PRELOAD, 'silenced': s.SILENCED_SYSTEM_CHECKS, "
    "'axes': s.AUTHENTICATION_BACKENDS[0], 'throttles': s.REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES'], "
    "'upload': s.UPLOAD_MAX_BYTES}))"
)


def _settings(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "SECURE_HSTS_PRELOAD")}
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "kumppani.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_is_off_unless_asked_for_and_then_a_key_is_required():
    result = _settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr

    result = _settings(SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["debug"] is False
    assert values["preload"] is False and values["silenced"] == ["security.W021"]
    assert values["axes"] == "axes.backends.AxesStandaloneBackend"
    assert values["throttles"] and values["upload"] == 25 * 1024 * 1024


def test_hsts_preload_is_opt_in():
    result = _settings(SECRET_KEY=secrets.token_urlsafe(64), SECURE_HSTS_PRELOAD="true")
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["preload"] is True and values["silenced"] == []
