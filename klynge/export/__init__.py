"""Export a meeting as agenda or minutes: Markdown, HTML, DOCX and PDF in the conventional layout.

Pure rendering from `klynge.model.Meeting`; no database. `layout.py` decides what is written and in
which order; each format module only spells it out.
"""

from __future__ import annotations

from klynge.export.docx import render_docx
from klynge.export.html import render_html
from klynge.export.layout import Kind
from klynge.export.markdown import render_markdown
from klynge.export.pdf import render_pdf

__all__ = ["Kind", "render_docx", "render_html", "render_markdown", "render_pdf"]
