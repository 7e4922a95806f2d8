"""A real HTTP server on 127.0.0.1 (port 0) for tests, serving replies you register.

It runs in its own thread, so sync and async tests alike can use it::

    def test_page(http_server: LocalHTTPServer) -> None:
        http_server.add("/news", Reply(body=b"<html>...</html>", content_type="text/html"))
        url = http_server.url("/news")

A reply may also be a function of the request (for conditional GET, redirects that count),
and may drip its body one byte at a time. ``http_server.requests`` records what arrived.
Load the fixtures with ``pytest_plugins = ["http_fixtures"]`` in a conftest.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: no Content-Length, the body ends when the connection does
    drip_interval_s: float | None = None  # send the body one byte per interval
    stall_s: float | None = None  # send the headers, then wait this long before the body


Responder = Reply | Callable[[SeenRequest], Reply]


class LocalHTTPServer:
    def __init__(self) -> None:
        self.routes: dict[str, Responder] = {}
        self.requests: list[SeenRequest] = []
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.host, self.port = "127.0.0.1", self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def endpoint(self) -> tuple[str, int]:
        """(address, port), as ``AddressPolicy.trusted_endpoints`` takes it."""
        return self.host, self.port

    def url(self, path: str) -> str:
        return self.base_url + path

    def add(self, path: str, reply: Responder) -> str:
        """Serve ``reply`` at ``path`` (query string ignored); returns the full URL."""
        self.routes[path] = reply
        return self.url(path)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()


def _handler_for(server: LocalHTTPServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # else headers and body wait 40 ms for an ACK

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            seen = SeenRequest(
                "GET", self.path, {name.lower(): value for name, value in self.headers.items()}
            )
            server.requests.append(seen)
            responder = server.routes.get(path, Reply(status=404, body=b"not here"))
            reply = responder(seen) if callable(responder) else responder
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            if reply.content_type is not None:
                self.send_header("Content-Type", reply.content_type)
            if reply.send_length:
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                if reply.stall_s:
                    self.wfile.flush()
                    server._stopping.wait(reply.stall_s)
                if reply.drip_interval_s is None:
                    self.wfile.write(reply.body)
                    return
                for index in range(len(reply.body)):
                    if server._stopping.is_set():
                        return
                    self.wfile.write(reply.body[index : index + 1])
                    self.wfile.flush()
                    server._stopping.wait(reply.drip_interval_s)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as the tests expect it to

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return Handler


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    server = LocalHTTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def other_http_server() -> Iterator[LocalHTTPServer]:
    """A second server, e.g. a redirect target that must never be reached."""
    server = LocalHTTPServer()
    server.start()
    yield server
    server.stop()
