"""Where a worker's blocking work runs: reads on a few threads, writes on their own.

FastAPI runs sync routes on anyio's default thread limiter, 40 threads per worker. Measured on this
2-core machine over SQLite (bench/web.py, 100,000 items, 2 workers, 20 connections): with 40 threads
the requests fight over the GIL, and the uncached meeting page did 415 requests/s at p95 112 ms;
with 2 threads 744 at p95 57 ms, with 1 thread 762 at p95 58 ms. Two read threads keep that speed
and leave a second lane when one read is slow. PostgreSQL queries wait on the network, so more
threads keep the CPU busy there. Writes (uploads being ingested, publishing, editing, argon2 at
login) take their own limiter, so a slow write never holds a reader's place.

The browsing pages (meeting, search, item, the lists and the home page) skip the hop altogether
over SQLite (`run_read`, `read_route`): their work is a few milliseconds of Python and in-process
reads, and handing it to a thread and back cost more than the work (uncached meeting pages, 20
connections, 2 workers: 460-500 -> 800-1,100 requests/s).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request

T = TypeVar("T")
P = ParamSpec("P")

READ_THREADS_SQLITE = 2
READ_THREADS_SERVER = 8
WRITE_THREADS = 4


def read_threads(db_url: str) -> int:
    """Threads per worker for reads: `KLYNGE_THREADS` if set, else by backend."""
    configured = os.environ.get("KLYNGE_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return READ_THREADS_SQLITE if db_url.startswith("sqlite") else READ_THREADS_SERVER


def configure(app: FastAPI, db_url: str) -> None:
    """At start-up, in the worker's event loop: size the read limiter, make the write limiter."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = read_threads(db_url)
    app.state.write_limiter = anyio.CapacityLimiter(WRITE_THREADS)


def reads_inline(db_url: str) -> bool:
    """Whether short reads run on the event loop: over SQLite (in-process, CPU-bound); a server
    database's queries wait on the network, and other requests can run meanwhile on the threads."""
    return db_url.startswith("sqlite")


async def run_read(request: Request, fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` for a short read: inline over SQLite, else on a read thread."""
    if reads_inline(request.app.state.db_url):
        return fn(*args)
    return await anyio.to_thread.run_sync(functools.partial(fn, *args))


async def in_write_thread(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)` on a write thread (the default threads when the app was not started)."""
    limiter = getattr(request.app.state, "write_limiter", None)
    return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs), limiter=limiter)


def read_route(fn: Callable[P, T]) -> Callable[P, Awaitable[T]]:
    """A sync read route run as `run_read` runs it (its `request` parameter tells the database).

    FastAPI reads the parameters of `fn` itself (through `__wrapped__`)."""

    @functools.wraps(fn)
    async def route(*args: P.args, **kwargs: P.kwargs) -> T:
        request = kwargs.get("request")
        if not isinstance(request, Request):
            raise TypeError(f"{fn.__name__}: a read route takes the request as `request`")
        return await run_read(request, functools.partial(fn, *args, **kwargs))

    return route
