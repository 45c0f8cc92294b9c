"""A local SMTP server that accepts and counts mail (aiosmtpd), for timing the reminder run end to end."""

import socket
import threading
import time
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class _Counter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


class Sink:
    def __init__(self, handler: _Counter, host: str, port: int):
        self._handler, self.host, self.port = handler, host, port

    @property
    def count(self) -> int:
        return self._handler.count

    def wait_for(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.count < count and time.monotonic() < deadline:
            time.sleep(0.01)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_sink():
    handler = _Counter()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield Sink(handler, "127.0.0.1", port)
    finally:
        controller.stop()
