"""Issue 22: a public export masks the model before the layout, so no nowrap span, line break or
markup can split a number away from its mask (property test over the Danish formats)."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from klynge import model
from klynge.export import render_html, render_markdown
from klynge.privacy import mask_meeting

_PAIR = st.integers(10, 99).map(str)


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    a, b, c, d = draw(_PAIR), draw(_PAIR), draw(_PAIR), draw(_PAIR)
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    return draw(
        st.sampled_from(
            [
                f"{a} {b} {c} {d}",
                f"{a}.{b}.{c}.{d}",
                f"{a}-{b}-{c}-{d}",
                f"{a}{b}{c}{d}",
                f"{a}{b} {c}{d}",
                f"{a}-{max(int(b), 13)}-{c}{d}",
                f"+45 {a} {b} {c} {d}",
                f"{day:02d}{month:02d}{c} {a}{d}",
                f"{day:02d}{month:02d}{c}-{a}{d}",
                f"{day:02d}{month:02d}{c}{a}{d}",
            ]
        )
    )


def _meeting(text: str) -> model.Meeting:
    doc = model.Document("r.txt", "text", text, ())
    item = model.Item(
        "1",
        "Opfølgning",
        sections=(model.Section(model.SectionKind.MINUTES, "Referat", text),),
    )
    return model.Meeting(doc, model.MeetingInfo(forum="Forum"), items=(item,))


def _readable(markup: str) -> str:
    body = re.sub(r"<(style|head)\b.*?</\1>", "", markup, flags=re.S)  # the page's CSS has digits
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\n", " ")


@settings(max_examples=60, deadline=None)
@given(_numbers(), st.sampled_from(["", ".", ",", ")", ". Næste punkt"]), st.integers(0, 12))
def test_masked_exports_hold_no_number_whatever_the_layout(number: str, after: str, words: int) -> None:
    text = f"{'ord ' * words}Kontakt tlf. {number}{after} og skriv til jens.hansen@kommune.dk{after}"
    meeting = mask_meeting(_meeting(text))
    digits = re.sub(r"\D", "", number)
    for shown in (_readable(render_html(meeting, "minutes")), render_markdown(meeting, "minutes")):
        flat = re.sub(r"\D", "", re.sub(r"\d{4}-\d{2}-\d{2}", "", shown))
        assert digits[-4:] not in flat, (number, shown)
        assert "jens.hansen" not in shown and "[e-mail]" in shown


def test_the_unmasked_model_would_be_split_by_the_layout() -> None:
    """Why masking comes first: the layout's nowrap span splits '21 34 56 78.'."""
    page = render_html(_meeting("Kontakt tlf. 21 34 56 78."), "minutes")
    assert "21 34 56 78" not in page and "21 34 56 78" in _readable(page)
    masked = render_html(mask_meeting(_meeting("Kontakt tlf. 21 34 56 78.")), "minutes")
    assert "[telefon]" in masked
