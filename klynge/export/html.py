"""Agenda or minutes as a standalone HTML page (Jinja2 template); the PDF export prints this page."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
from markupsafe import Markup, escape

from klynge.export.layout import CLOSED_MARK, Kind, Layout, Para, SectionOut, layout
from klynge.model import Meeting

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("klynge.export", "templates"),
    autoescape=True,
    trim_blocks=False,
    undefined=jinja2.StrictUndefined,
)


_NUMBER_AFTER_WORD = re.compile(r"(\S+) (\d+\.)(?=\s|$)")


def keep_numbers_off_line_starts(text: str) -> Markup:
    """Escaped text where a number with a dot ('den 15. oktober', 'mod 2034.') is glued to the word
    before it, so a printed line never starts with '15. ' and looks like a numbered agenda item."""
    return Markup(_NUMBER_AFTER_WORD.sub(r'<span class="nw">\1 \2</span>', str(escape(text))))


_ENV.filters["keep"] = keep_numbers_off_line_starts


@dataclass(frozen=True)
class Run:
    """Consecutive paragraphs of one sort: list entries go in one <ul>, the rest as <p>."""

    bullet: bool
    paras: tuple[Para, ...]


@dataclass(frozen=True)
class _Section:
    heading: str
    runs: tuple[Run, ...]


def _runs(section: SectionOut) -> _Section:
    runs: list[Run] = []
    for p in section.paras:
        if runs and runs[-1].bullet == p.bullet:
            runs[-1] = Run(p.bullet, (*runs[-1].paras, p))
        else:
            runs.append(Run(p.bullet, (p,)))
    return _Section(section.heading, tuple(runs))


def _view(doc: Layout) -> dict[str, object]:
    items = [
        {
            "label": it.label,
            "tail": " ".join(x for x in (it.slot, it.presenter) if x) or None,
            "closed": it.closed,
            "case_line": it.case_line,
            "sections": [_runs(s) for s in it.sections],
        }
        for it in doc.items
    ]
    view = {
        "title": doc.title,
        "facts": doc.facts,
        "groups": doc.groups,
        "agenda": items,
        "footer": doc.footer,
    }
    return {"doc": view, "closed_mark": CLOSED_MARK}


def render_html(meeting: Meeting, kind: Kind, include_closed: bool = True) -> str:
    """The meeting as one HTML document with its CSS inline (print-ready: A4, DejaVu fonts)."""
    return _ENV.get_template("meeting.html").render(**_view(layout(meeting, kind, include_closed)))
