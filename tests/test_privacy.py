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
