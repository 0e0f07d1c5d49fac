"""The FastAPI app: `create_app(db_url)` wires the store, pages, REST API, OParl API and error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from klynge import __version__
from klynge.config import IPNetwork
from klynge.web import errors
from klynge.web.access import is_loopback
from klynge.web.params import path_ids_fit

STATIC = Path(__file__).parent / "static"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    from klynge.web.threads import configure

    configure(app, app.state.db_url)
    yield


def create_app(
    db_url: str,
    *,
    host: str = "127.0.0.1",
    base_url: str | None = None,
    trusted_proxies: tuple[IPNetwork, ...] = (),
) -> FastAPI:
    """Build the app over the database at `db_url`.

    `host` is the address the server listens on; writing pages work only when it is a loopback
    address (until accounts exist). `base_url` is the public address used in OParl ids and feeds;
    by default the server's own address (never the Host header of a request). `trusted_proxies`:
    the reverse proxies whose `X-Forwarded-For` names the client (see `access.client_ip`).
    """
    app = FastAPI(
        title="Klynge",
        version=__version__,
        description="Møder, punkter, beslutninger og handlinger fra sundhedsklynger. Fejl: "
        '`{"ok": false, "error": "...", "status": N}`.',
        docs_url=None,  # /api/docs is served from vendored files (klynge.web.api.routes.api_docs)
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan,
        dependencies=[Depends(path_ids_fit)],  # ids beyond 64 bits: 404 on every route
    )
    app.state.db_url = db_url
    app.state.writable = is_loopback(host)
    app.state.base_url = base_url.rstrip("/") if base_url else None
    app.state.trusted_proxies = tuple(trusted_proxies)
    from klynge.web.pagecache import PageCache

    app.state.page_cache = PageCache[bytes]()
    from klynge.index.search import SearchResult

    app.state.search_cache = PageCache[SearchResult](size=1000)
    from klynge.web.pages.items import RelatedCache

    app.state.related_cache = RelatedCache()
    app.state.stats_cache = {}
    from klynge.web.numbers import Numbers

    app.state.numbers = Numbers()
    from klynge.web.db import attach

    attach(app, db_url)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    from klynge.web.routes import include_all

    include_all(app)
    from klynge.web.middleware import (
        ForgetNumbersAfterWrites,
        LimitRequestBody,
        MaskPersonalData,
        SecurityHeaders,
    )

    app.add_middleware(LimitRequestBody)
    app.add_middleware(ForgetNumbersAfterWrites)
    app.add_middleware(MaskPersonalData)
    app.add_middleware(SecurityHeaders)
    return app
