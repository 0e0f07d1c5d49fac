"""Agenda or minutes as DOCX (python-docx): Word's own heading styles, so readers see the structure."""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.shared import Pt, RGBColor

from klynge.export.layout import CLOSED_MARK, Kind, layout
from klynge.model import Meeting


def render_docx(meeting: Meeting, kind: Kind, include_closed: bool = True) -> bytes:
    """DOCX bytes: Heading 1 title, Heading 2 Deltagere/Dagsorden/items, Heading 3 organisations and
    sections, one paragraph per person and per line of text, 'List Bullet' for list entries."""
    doc = layout(meeting, kind, include_closed)
    word = new_document()
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    props = word.core_properties
    props.title = doc.title
    props.language = "da-DK"

    word.add_heading(doc.title, level=1)
    for fact in doc.facts:
        word.add_paragraph(fact)
    if doc.groups:
        word.add_heading("Deltagere", level=2)
        for group in doc.groups:
            word.add_heading(group.heading, level=3)
            for line in group.lines:
                word.add_paragraph(line)
    word.add_heading("Dagsorden", level=2)
    for item in doc.items:
        word.add_heading(item.heading, level=2)
        if item.case_line:
            word.add_paragraph(item.case_line)
        if item.closed:
            run = word.add_paragraph().add_run(CLOSED_MARK)
            run.bold = True
            run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)
        for part in item.sections:
            word.add_heading(part.heading, level=3)
            for p in part.paras:
                word.add_paragraph(p.text, style="List Bullet" if p.bullet else None)
    if doc.footer:
        word.sections[0].footer.paragraphs[0].text = doc.footer
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
