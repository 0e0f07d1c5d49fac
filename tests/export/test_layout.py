from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from klynge.export.docx import render_docx
from klynge.export.html import render_html
from klynge.export.layout import clock, item_heading, layout, long_date, paragraphs
from klynge.export.markdown import render_markdown
from klynge.interchange import from_interchange
from klynge.model import Item, Meeting


def test_clock_and_dates_are_danish() -> None:
    assert clock("09:05") == "9.05"
    assert clock("13.30") == "13.30"
    assert long_date(dt.date(2024, 12, 3)) == "3. december 2024"


def test_item_heading_in_the_genre_order() -> None:
    item = Item("4", "Rygestop", time_start="10:20", time_end="10:40", presenter="Ida Brøndum")
    assert item_heading(item) == "4. Rygestop (kl. 10.20-10.40) v/Ida Brøndum"
    assert item_heading(Item("", "Eventuelt")) == "Eventuelt"
    assert item_heading(Item("9.1", "Status", time_start="11:00")) == "9.1. Status (kl. 11.00)"


def test_paragraphs_split_lines_and_bullets() -> None:
    paras = paragraphs("Indledning\n\n- første\n• anden\nAfslutning")
    assert [(p.text, p.bullet) for p in paras] == [
        ("Indledning", False),
        ("første", True),
        ("anden", True),
        ("Afslutning", False),
    ]


def test_a_bare_meeting_still_renders() -> None:
    bare = from_interchange({"items": [{"number": "1", "title": "Eneste punkt"}]})
    doc = layout(bare, "minutes")
    assert doc.title == "Referat af møde" and doc.facts == () and doc.groups == ()
    assert "## 1. Eneste punkt" in render_markdown(bare, "minutes")
    assert "Eneste punkt" in render_html(bare, "agenda")
    assert docx.Document(io.BytesIO(render_docx(bare, "agenda"))).paragraphs[0].text == "Dagsorden for møde"


def test_unknown_kind_is_refused(meeting: Meeting) -> None:
    with pytest.raises(ValueError, match="ukendt dokumenttype"):
        layout(meeting, "protokol")  # type: ignore[arg-type]
