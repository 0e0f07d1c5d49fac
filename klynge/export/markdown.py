"""Agenda or minutes as Markdown: `#` title, `##` Deltagere/Dagsorden/items, `###` sections."""

from __future__ import annotations

import re

from klynge.export.layout import CLOSED_MARK, Kind, Para, layout
from klynge.model import Meeting

_LEADING_NUMBER = re.compile(r"^(\d+)\. ")


def _escape(text: str) -> str:
    """Keep a body line from turning into Markdown syntax (a heading, a list, an ordered list)."""
    text = re.sub(r"^([#>+*-])", r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\. ", text)


def _para(p: Para) -> str:
    return f"- {p.text}" if p.bullet else _escape(p.text)


def render_markdown(meeting: Meeting, kind: Kind, include_closed: bool = True) -> str:
    """The meeting as Markdown text (UTF-8 when written). Lines are blank-line separated paragraphs."""
    doc = layout(meeting, kind, include_closed)
    out: list[str] = [f"# {doc.title}", ""]
    for fact in doc.facts:
        out += [_escape(fact), ""]
    if doc.groups:
        out += ["## Deltagere", ""]
        for group in doc.groups:
            out += [f"### {group.heading}", ""]
            for line in group.lines:
                out += [_escape(line), ""]
    out += ["## Dagsorden", ""]
    for item in doc.items:
        out += [f"## {item.heading}", ""]
        if item.case_line:
            out += [item.case_line, ""]
        if item.closed:
            out += [CLOSED_MARK, ""]
        for section in item.sections:
            out += [f"### {section.heading}", ""]
            previous_bullet = False
            for p in section.paras:
                if previous_bullet and not p.bullet:
                    out.append("")
                out.append(_para(p))
                if not p.bullet:
                    out.append("")
                previous_bullet = p.bullet
            if previous_bullet:
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
