"""Every router of the app, in one list: pages, REST API, OParl."""

from __future__ import annotations

from fastapi import FastAPI


def include_all(app: FastAPI) -> None:
    from klynge.web.api import routes as api
    from klynge.web.api import write as api_write
    from klynge.web.oparl import routes as oparl
    from klynge.web.pages import (
        account,
        actions,
        chart,
        decisions,
        editor,
        feeds,
        home,
        imports,
        items,
        meetings,
        people,
        review,
        upload,
    )
    from klynge.web.pages import search as search_page

    for module in (
        account,
        home,
        meetings,
        items,
        search_page,
        actions,
        decisions,
        editor,
        people,
        upload,
        imports,
        review,
        chart,
        feeds,
    ):
        app.include_router(module.router)
    app.include_router(api.router)
    app.include_router(api_write.router)
    app.include_router(oparl.router)
