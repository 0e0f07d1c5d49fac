"""Masking personal data in minutes text: what is masked, what is left alone, and that it is stable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klynge.privacy import contains_personal, mask_personal


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Kontakt Jens på jens.hansen@nordby.dk.", "Kontakt Jens på [e-mail]."),
        ('<a href="mailto:sekretariat@region.dk">skriv</a>', '<a href="[e-mail]">skriv</a>'),
        ("tlf. 21 43 65 87", "tlf. [telefon]"),
        ("mobil: +45 2143 6587", "mobil: [telefon]"),
        ("Ring 0045 21436587.", "Ring [telefon]."),
        ("21-43-65-87", "[telefon]"),
        ("CPR 010203-1234", "CPR [cpr]"),
        ("cpr.nr. 3112991234", "cpr.nr. [cpr]"),
    ],
)
def test_masked(text: str, masked: str) -> None:
    assert mask_personal(text) == masked
    assert contains_personal(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sagsnr. 1-52-100-22-09",
        "j.nr. 24/12345",
        "den 18.04.2024 kl. 08.30-09.00",
        "2024-04-18",
        "perioden 2020-2024",
        "budget 1.234.567 kr. og 12.345.678",
        "CVR 12345678",
        "EAN 5798000012345",
        "8800 Viborg",
        "punkt 9.1 (kl. 9.30-9.50)",
        "id 123456789",
        "320199-1234",  # no 32nd day
        "en @-reference og 1-2-3",
    ],
)
def test_left_alone(text: str) -> None:
    assert mask_personal(text) == text
    assert not contains_personal(text)


@given(st.text(max_size=300))
def test_masking_is_stable_and_never_fails(text: str) -> None:
    once = mask_personal(text)
    assert mask_personal(once) == once


def test_masks_are_safe_inside_json_and_html() -> None:
    """The middleware masks raw response bodies: a mark must not end a JSON string or open a tag."""
    from klynge.privacy import CPR_MASK, EMAIL_MASK, PHONE_MASK

    for mark in (CPR_MASK, EMAIL_MASK, PHONE_MASK):
        assert not set(mark) & set("\"\\<>&'")


def _reference_mask(text: str) -> str:
    """The plain way: each pattern over the whole text (slow on pages, obviously right)."""
    from klynge import privacy

    if "@" in text:
        text = privacy._EMAIL.sub(privacy.EMAIL_MASK, text)
    text = privacy._CPR.sub(privacy.CPR_MASK, text)
    return privacy._PHONE.sub(privacy._phone, text)


@given(st.text(alphabet="0123456789012345678901234567890123456789 -+.,/:xj@", max_size=80))
def test_fast_masking_equals_the_plain_patterns(text: str) -> None:
    """The pre-scan for runs of digits only skips work: the result is what the patterns give."""
    assert mask_personal(text) == _reference_mask(text)


def test_fast_masking_equals_the_plain_patterns_on_a_page() -> None:
    page = (
        "<p>Mødet 2024-04-18 kl. 08.30-09.00, tlf. 21 43 65 87 eller +45 2143 6587; CPR 010203-1234,"
        " CVR 12345678, j.nr. 24/12345, sagsnr. 1-52-100-22-09; 0045 21436587. 3112991234</p>"
    ) * 50
    assert mask_personal(page) == _reference_mask(page)
    assert "[telefon]" in mask_personal(page) and "[cpr]" in mask_personal(page)


def test_mask_meeting_masks_every_text_field() -> None:
    from klynge import model
    from klynge.privacy import mask_meeting

    secret = "tlf. 21 34 56 78, jens@kommune.dk, CPR 010203-1234"
    doc = model.Document("r.txt", "text", secret, ())
    item = model.Item(
        "1",
        f"Punkt {secret}",
        presenter=secret,
        sections=(model.Section(model.SectionKind.MINUTES, "Referat", secret),),
        attachments=(secret,),
    )
    meeting = model.Meeting(
        doc,
        model.MeetingInfo(forum="Forum", location=secret),
        participants=(model.Participant("Jens", role=secret),),
        items=(item,),
        decisions=(model.Decision("1", secret),),
        actions=(model.Action("Jens", secret, "1", sentence=secret),),
    )
    masked = mask_meeting(meeting)
    text = repr(masked)
    for part in ("21 34 56 78", "jens@kommune.dk", "010203-1234"):
        assert part not in text
    assert masked.items[0].sections[0].text == "tlf. [telefon], [e-mail], CPR [cpr]"
    assert masked.meeting.forum == "Forum"
