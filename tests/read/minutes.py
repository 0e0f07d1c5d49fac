"""Synthetic minutes in the genre (a Danish health cluster), written for these tests, and checks.

One meeting, three renderings: HTML (for PDF and the HTML reader), DOCX parts, Markdown.
"""

from __future__ import annotations

import hashlib
import html

from builders import Bullet, DocxPart, Heading, Numbered, Para, Table

from klynge.model import Document

TITLE = "Referat af møde i Sundhedsklyngen Nord"
HEADER = "Sundhedsklyngen Nord – referat 12. marts 2024"
PARTICIPANTS = [
    ("Søren Ærø", "direktør", "Nordby Kommune"),
    ("Åse Østergård", "cheflæge", "Hospitalsenhed Nord"),
    ("Bjørn Møller", "sundhedschef", "Fjordby Kommune"),
]
ITEMS = [
    (
        "1. Godkendelse af dagsorden (kl. 9.00-9.10) v/formandskabet",
        "Det indstilles, at styregruppen godkender dagsordenen.",
        "Dagsordenen blev godkendt.",
    ),
    (
        "2. Orientering om sundhedsaftalen (kl. 9.10-9.40) v/Åse Østergård",
        "Det indstilles, at styregruppen tager orienteringen til efterretning.",
        "Styregruppen tog orienteringen til efterretning. Sekretariatet følger op primo april.",
    ),
    (
        "3. Fælles indsats for ældre medicinske patienter (kl. 9.40-10.30) v/Bjørn Møller",
        "Det indstilles, at styregruppen godkender kommissoriet for arbejdsgruppen.",
        "Kommissoriet blev godkendt med de nævnte ændringer.",
    ),
]
FILLER = (
    "Sagen har været drøftet i det administrative forum, hvor der var enighed om at styrke "
    "samarbejdet på tværs af kommuner, hospital og almen praksis. Arbejdsgruppen udarbejder et "
    "oplæg med økonomi, tidsplan og forventede effekter for borgerne i klyngens område. "
)


def minutes_html(filler_paragraphs: int = 4) -> str:
    """The meeting as an HTML body: h1, a participant list, a table, h2 items with h3 sections."""
    out = [
        f"<h1>{html.escape(TITLE)}</h1>",
        "<p>Dato: 12. marts 2024 kl. 9.00-12.00<br>Sted: Regionshuset</p>",
    ]
    out.append("<h2>Deltagere</h2><ul>")
    out += [f"<li>{html.escape(f'{n}, {r}, {o}')}</li>" for n, r, o in PARTICIPANTS]
    out.append("</ul><table><tr><th>Navn</th><th>Organisation</th></tr>")
    out += [f"<tr><td>{html.escape(n)}</td><td>{html.escape(o)}</td></tr>" for n, _, o in PARTICIPANTS]
    out.append("</table>")
    for title, recommendation, decision in ITEMS:
        out.append(f"<h2>{html.escape(title)}</h2><h3>Sagsfremstilling</h3>")
        out += [f"<p>{FILLER * 2}</p>"] * filler_paragraphs
        out.append(f"<h3>Indstilling</h3><p>{recommendation}</p><h3>Beslutning</h3><p>{decision}</p>")
    return "\n".join(out)


def minutes_docx_parts() -> list[DocxPart | str]:
    parts: list[DocxPart | str] = [
        Heading(TITLE, 1),
        "Dato: 12. marts 2024 kl. 9.00-12.00",
        Heading("Deltagere", 2),
    ]
    parts += [Bullet(f"{n}, {r}, {o}") for n, r, o in PARTICIPANTS]
    parts.append(Table([["Navn", "Organisation"], *[[n, o] for n, _, o in PARTICIPANTS]]))
    for title, recommendation, decision in ITEMS:
        parts += [Heading(title, 2), FILLER, Para("Indstilling", bold=True), recommendation]
        parts += [Para("Beslutning", bold=True), decision]
    parts += [
        Heading("Opfølgning", 2),
        Numbered("Sekretariatet sender kommissoriet ud"),
        Bullet("senest uge 14", 2),
    ]
    return parts


def minutes_markdown() -> str:
    out = [
        f"# {TITLE}",
        "",
        "Dato: 12. marts 2024 kl. 9.00-12.00  ",
        "Sted: **Regionshuset**",
        "",
        "## Deltagere",
        "",
    ]
    out += [f"- {n}, {r}, {o}" for n, r, o in PARTICIPANTS]
    out += ["  - afbud fra [suppleant](mailto:suppleant@example.dk)", ""]
    out += ["| Navn | Organisation |", "| --- | --- |", *[f"| {n} | {o} |" for n, _, o in PARTICIPANTS], ""]
    for title, recommendation, decision in ITEMS:
        out += [
            f"## {title}",
            "",
            FILLER,
            "",
            "**Indstilling**",
            "",
            recommendation,
            "",
            "### Beslutning",
            "",
            decision,
            "",
        ]
    return "\n".join(out)


def check_spans(document: Document, data: bytes) -> None:
    """The reader contract: exact spans, reading order, sha256 of the input."""
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    previous = 0
    for block in document.blocks:
        assert document.text[block.span.start : block.span.end] == block.text
        assert block.text == block.text.strip() and block.text
        assert block.span.start >= previous
        previous = block.span.end


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks]
