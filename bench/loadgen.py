"""A light HTTP/1.1 load generator for the web benchmarks: asyncio streams plus httptools' C parser.

Why not httpx: measured here, an httpx AsyncClient spends about 2.4 ms of CPU per request, so at
350 requests/s the load generator alone used a whole core of this 2-core machine and the server
had one core left for its two workers. This client spends a small fraction of that, so the
figures measure the server. It keeps one keep-alive connection per client, sends a browser's
cookies back (the CSRF cookie a first visit gets), and counts anything but a 200 as an error.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httptools


@dataclass
class _Response:
    status: int = 0
    done: bool = False
    cookies: list[bytes] = field(default_factory=list)
    size: int = 0

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == b"set-cookie":
            self.cookies.append(value.split(b";", 1)[0])

    def on_body(self, body: bytes) -> None:
        self.size += len(body)

    def on_message_complete(self) -> None:
        self.done = True


class Connection:
    """One keep-alive connection; `get(path)` returns (status, milliseconds)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.cookies: dict[bytes, bytes] = {}

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path: str) -> tuple[int, float]:
        t = time.perf_counter()
        try:
            status = await self._get(path)
        except (OSError, asyncio.IncompleteReadError, httptools.HttpParserError):
            await self.close()
            status = 0
        return status, (time.perf_counter() - t) * 1000

    async def _get(self, path: str) -> int:
        if self.writer is None:
            await self._open()
        assert self.reader is not None and self.writer is not None
        cookie = b"; ".join(k + b"=" + v for k, v in self.cookies.items())
        head = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n".encode()
        if cookie:
            head += b"Cookie: " + cookie + b"\r\n"
        self.writer.write(head + b"\r\n")
        response = _Response()
        parser = httptools.HttpResponseParser(response)
        while not response.done:
            chunk = await self.reader.read(65536)
            if not chunk:
                raise asyncio.IncompleteReadError(b"", None)
            parser.feed_data(chunk)
        for c in response.cookies:
            name, _, value = c.partition(b"=")
            self.cookies[name] = value
        if not parser.should_keep_alive():
            await self.close()
        return parser.get_status_code()

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def drive(
    base: str,
    next_path: Callable[[int], str],
    clients: int,
    seconds: float,
    record: Callable[[int, str, int, float], None],
    think: float = 0.0,
) -> None:
    """`clients` connections, each asking `next_path(client)` in turn until `seconds` have passed,
    waiting `think` seconds between answers; every answer goes to `record(client, path, status, ms)`."""
    url = urlsplit(base)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    stop = time.perf_counter() + seconds

    async def client(k: int) -> None:
        conn = Connection(host, port)
        try:
            while time.perf_counter() < stop:
                path = next_path(k)
                status, ms = await conn.get(path)
                record(k, path, status, ms)
                if think:
                    await asyncio.sleep(think)
        finally:
            await conn.close()

    await asyncio.gather(*(client(k) for k in range(clients)))
