"""Agenda or minutes as PDF: the HTML export printed by WeasyPrint (needs Pango from the system)."""

from __future__ import annotations

from klynge.errors import KlyngeError
from klynge.export.html import render_html
from klynge.export.layout import Kind
from klynge.model import Meeting


def render_pdf(meeting: Meeting, kind: Kind, include_closed: bool = True) -> bytes:
    """PDF bytes. Danish letters need a font that has them: the template asks for DejaVu Sans."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise KlyngeError(
            f"PDF-eksport kræver WeasyPrint og Pango (pip install klynge[export]): {exc}"
        ) from exc
    html = render_html(meeting, kind, include_closed)
    data: bytes = HTML(string=html).write_pdf()
    return data
