"""Export a meeting as agenda or minutes: Markdown, HTML, DOCX and PDF in the conventional layout.

Pure rendering from `klynge.model.Meeting`; no database. `layout.py` decides what is written and in
which order; each format module only spells it out. `render` picks the format by name, and
`public_rendering` is what the public gets in place of an original file that holds personal data:
the public export with personal data masked in the model, before any layout can split a number.
"""

from __future__ import annotations

from pathlib import PurePath

from klynge.errors import InputError, KlyngeError
from klynge.export.docx import render_docx
from klynge.export.html import render_html
from klynge.export.layout import Kind
from klynge.export.markdown import render_markdown
from klynge.export.pdf import render_pdf
from klynge.model import Meeting
from klynge.privacy import mask_meeting

__all__ = [
    "FORMATS",
    "Kind",
    "default_kind",
    "public_rendering",
    "render",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
]

FORMATS = ("docx", "pdf", "md", "html")

PUBLIC_SUFFIX = "-offentlig-udgave"
"""Added to the file name of a masked rendering, so nobody takes it for the original."""

_AS_EXPORT = {"docx": "docx", "pdf": "pdf", "html": "html", "markdown": "md", "text": "md"}
"""Original document format -> the export format that stands in for it."""


def default_kind(meeting: Meeting) -> Kind:
    """Minutes when the meeting has any, else the agenda."""
    has_minutes = bool(meeting.decisions) or any(
        str(s.kind) in ("minutes", "decision") for it in meeting.items for s in it.sections
    )
    return "minutes" if has_minutes else "agenda"


def render(meeting: Meeting, fmt: str, kind: Kind, include_closed: bool = True) -> bytes:
    """The meeting as `fmt` (docx, pdf, md or html) bytes."""
    if fmt == "docx":
        return render_docx(meeting, kind, include_closed)
    if fmt == "pdf":
        return render_pdf(meeting, kind, include_closed)
    if fmt == "md":
        return render_markdown(meeting, kind, include_closed).encode("utf-8")
    if fmt == "html":
        return render_html(meeting, kind, include_closed).encode("utf-8")
    raise InputError(f"ukendt format {fmt!r}; brug en af {', '.join(FORMATS)}")


def public_rendering(meeting: Meeting, original_name: str, original_format: str) -> tuple[str, str, bytes]:
    """(file name, export format, bytes): the public export of `meeting` (closed items left out,
    personal data masked) in the original's format where there is one, HTML when PDF cannot be made
    here. The file name says it is the public edition."""
    fmt = _AS_EXPORT.get(original_format, "html")
    masked = mask_meeting(meeting)
    kind = default_kind(masked)
    try:
        data = render(masked, fmt, kind, include_closed=False)
    except KlyngeError:  # no WeasyPrint/Pango on this server
        fmt = "html"
        data = render(masked, fmt, kind, include_closed=False)
    stem = PurePath(original_name).stem or "mode"
    return f"{stem}{PUBLIC_SUFFIX}.{fmt}", fmt, data
