"""Turn synthetic minutes into REAL files for tests: PDF via WeasyPrint, DOCX via python-docx.

    from builders import Bullet, Heading, Para, Table, make_docx, make_pdf

    pdf = make_pdf(["Referat af møde i Sundhedsklyngen Nord", "1. Godkendelse af dagsorden"],
                   header="Sundhedsklyngen Nord", page_numbers=True)
    pdf = make_pdf("<h1>Referat</h1><p>Beslutning: Godkendt.</p>")      # an HTML body (or document)
    docx = make_docx([Heading("Referat", 1), Para("Til stede: ..."), Bullet("Punkt", level=2),
                      Table([["Navn", "Organisation"], ["Anne Ø", None]])])  # None: merged with the left

Tests get bytes, exactly what a user would upload, so the readers are tested end to end.
`tests/` is on sys.path (via tests/conftest.py), so any test imports this module as `builders`.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Heading:
    """A paragraph in Word's built-in style 'Heading <level>' ('Title' for level 0)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """An ordinary paragraph; `bold` makes every run bold (as people fake headings in Word)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Bullet:
    """A bulleted list item in style 'List Bullet' ('List Bullet 2', '... 3' for deeper levels)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Numbered:
    """A numbered list item in style 'List Number' (deeper levels: 'List Number 2', '... 3')."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Table:
    """A table; a cell given as None is merged with the cell to its left."""

    rows: Sequence[Sequence[str | None]]


DocxPart = Heading | Para | Bullet | Numbered | Table

_PAGE_CSS = """
@page {{ size: A4; margin: 2.5cm 2cm;
  @top-center {{ content: "{header}"; font-size: 9pt; }}
  @bottom-right {{ content: {footer}; font-size: 9pt; }} }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; }}
h1 {{ font-size: 16pt; }} h2 {{ font-size: 13pt; }} h3 {{ font-size: 11pt; }}
"""


def make_pdf(content: str | Sequence[str], *, header: str = "", page_numbers: bool = False) -> bytes:
    """A PDF of `content`: an HTML body/document, or plain paragraphs (one <p> each, HTML-escaped).

    `header` repeats at the top of every page and `page_numbers` puts "Side N af M" at the bottom,
    both as CSS @page margin boxes, the way real minutes carry running headers and footers.
    """
    from weasyprint import HTML

    paragraphs = "" if isinstance(content, str) else "\n".join(f"<p>{html.escape(p)}</p>" for p in content)
    body = content if isinstance(content, str) else paragraphs
    footer = '"Side " counter(page) " af " counter(pages)' if page_numbers else '""'
    css = _PAGE_CSS.format(header=header.replace("\\", "\\\\").replace('"', '\\"'), footer=footer)
    if "<html" in body.lower():
        document = body.replace("<head>", f"<head><style>{css}</style>", 1)
    else:
        document = f'<!doctype html><html lang="da"><head><meta charset="utf-8"><style>{css}</style></head>'
        document += f"<body>{body}</body></html>"
    data: bytes = HTML(string=document).write_pdf()
    return data


def make_docx(parts: Sequence[DocxPart | str], *, header: str = "") -> bytes:
    """A DOCX of `parts` in order (a bare str is a `Para`); `header` goes in the page header."""
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for part in parts:
        if isinstance(part, str):
            part = Para(part)
        if isinstance(part, Heading):
            document.add_heading(part.text, part.level)
        elif isinstance(part, Para):
            paragraph = document.add_paragraph()
            paragraph.add_run(part.text).bold = part.bold or None
        elif isinstance(part, Bullet | Numbered):
            base = "List Bullet" if isinstance(part, Bullet) else "List Number"
            document.add_paragraph(part.text, style=base if part.level <= 1 else f"{base} {part.level}")
        else:
            _add_table(document, part)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document: Any, part: Table) -> None:
    n_cols = max(len(row) for row in part.rows)
    table = document.add_table(rows=len(part.rows), cols=n_cols)
    table.style = "Table Grid"
    for r, row in enumerate(part.rows):
        for c, value in enumerate(row):
            if value is None and c > 0:
                table.cell(r, c - 1).merge(table.cell(r, c))
            else:
                table.cell(r, c).text = value or ""


def written_meeting(**extra: Any) -> dict[str, Any]:
    """A meeting as the interchange JSON a secretariat would write: three items, the third closed."""
    return {
        "meeting": {
            "forum": "Styregruppen for Nordklyngen",
            "date": "2027-03-18",
            "start": "09:00",
            "end": "11:00",
            "location": "Mødelokale 2, Sygehus Nord",
        },
        "participants": [
            {"name": "Birthe Kjærgaard", "organisation": "Nordby Kommune", "role": "direktør"},
            {"name": "Anders Holm", "organisation": "Sygehus Nord", "role": "lægefaglig direktør"},
        ],
        "items": [
            {
                "number": "1",
                "title": "Godkendelse af dagsorden",
                "time": "09:00-09:10",
                "recommendation": "at dagsordenen godkendes",
            },
            {
                "number": "2",
                "title": "Opfølgning på genindlæggelser af ældre medicinske patienter",
                "time": "09:10-09:40",
                "presenter": "Anders Holm",
                "case_text": "Antallet af genindlæggelser er steget i andet halvår.",
            },
            {
                "number": "3",
                "title": "Personalesag",
                "time": "09:40-10:00",
                "confidential": True,
                "case_text": "Fortroligt: hemmeligordet blåbærkage indgår i sagen.",
            },
        ],
        **extra,
    }


def minutes_text(forum: str, date: dt.date | None, extra: str = "", secret: str = "Fortroligt emne") -> str:
    """Short minutes in the genre, three items (the third a closed item titled `secret`), invented
    names; `extra` is appended (e.g. "4. Eventuelt\n")."""
    when = f"Dato: {date.day}. marts {date.year} kl. 9.00-11.30\n" if date else ""
    return (
        f"Referat af møde i {forum}\n{when}Sted: Mødelokale 2, Rådhuset\n\n"
        "Deltagere:\nØsterby Kommune\nAnne Madsen, sundhedschef (formand)\nPeter Lund\n"
        "Region Nord\nSofie Holm, vicedirektør (afbud)\n\n"
        "1. Godkendelse af dagsorden (kl. 9.00-9.05)\nBeslutning\nDagsordenen blev godkendt.\n\n"
        "2. Status på fælles akutteam (kl. 9.05-9.45) v/Peter Lund\nSagsnr. 1-52-100-22-09\n"
        "Sagsfremstilling\nAkutteamet har haft 412 besøg i 2023.\n"
        "Indstilling\nAt styregruppen tager orienteringen til efterretning.\n"
        "Bilag\nBilag 1: Evaluering af akutteam\n"
        "Beslutning\nStyregruppen tog orienteringen til efterretning. Anne indkalder til møde om "
        "patientkørsel senest den 1. juni 2024.\n\n"
        f"3. Lukket punkt: {secret} (kl. 9.45-10.00)\nBeslutning\nGodkendt.\n{extra}"
    )
