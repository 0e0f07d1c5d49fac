"""The `klynge` command. Each command lives in its own module and registers itself on `app`.

Errors: a `KlyngeError` becomes one line `fejl: <message>` on stderr and exit code 1;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from klynge.errors import KlyngeError


class _Sorted(TyperGroup):
    """Commands in alphabetical order in `klynge --help`, whatever order their modules were imported in."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(super().list_commands(ctx))


app = typer.Typer(
    cls=_Sorted,
    name="klynge",
    help="Klynge: dagsordener og referater som søgbar, struktureret viden.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DEBUG = {"on": False}


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Vis hele tracebacken ved fejl."),
) -> None:
    DEBUG["on"] = debug


def _register() -> None:
    # Imported for their side effect: each module adds its command(s) to `app`.
    from klynge.cli import (  # noqa: F401
        backup,
        demo,
        export,
        followup,
        info,
        ingest,
        meeting,
        parse,
        reparse,
        search,
        serve,
        show,
        user,
    )


def main() -> None:
    _register()
    try:
        code = app(standalone_mode=False)  # click returns (not raises) Exit codes in this mode
        if isinstance(code, int) and code:
            sys.exit(code)
    except KlyngeError as exc:
        if DEBUG["on"]:
            raise
        print(f"fejl: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("afbrudt", file=sys.stderr)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors and the like
        import click

        # Typer >= 0.20 vendors click (typer._click): its usage errors are not click.ClickException.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if isinstance(exc, click.ClickException) or (callable(show) and isinstance(code, int)):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(getattr(exc, "exit_code", 2))
        if DEBUG["on"]:
            raise
        print(
            f"fejl: uventet fejl: {type(exc).__name__}: {exc} (kør med --debug for detaljer)", file=sys.stderr
        )
        sys.exit(1)
