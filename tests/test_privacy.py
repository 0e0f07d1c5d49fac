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
        # The formats the probe of issue 22 found unmasked.
        ("tlf. 21.34.56.78.", "tlf. [telefon]."),
        ("vagt 21-34-5678,", "vagt [telefon],"),
        ("vagt 21 34 5678", "vagt [telefon]"),
        ("borgerens CPR 010203 1234 og", "borgerens CPR [cpr] og"),
        ("(+45 21.34.56.78)", "([telefon])"),
        ("tlf.\u00a021\u00a034\u00a056\u00a078.", "tlf.\u00a0[telefon]."),  # Word's no-break spaces
        ("CPR 010203\u00a01234", "CPR [cpr]"),
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
        "fra 18-04-2024 til 02 05 2024",
        "version 1.2.3.4 og 1.234.567.890",
        "ip 21.34.56.78.90",
        "årene\n2023\n2024",
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


@given(st.text(alphabet="0123456789012345678901234567890123456789 -+.,/:xj@\u00a0\t\n", max_size=80))
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


_PAIR = st.integers(0, 99).map(lambda n: f"{n:02d}")
_QUAD = st.integers(0, 9999).map(lambda n: f"{n:04d}")


@st.composite
def _phone_numbers(draw: st.DrawFn) -> str:
    """An eight-digit Danish phone number in any of the usual spellings."""
    a, b, c, d = draw(_PAIR), draw(_PAIR), draw(_PAIR), draw(_PAIR)
    sep = draw(st.sampled_from([" ", "-", ".", "\u00a0"]))
    number = draw(
        st.sampled_from(
            [
                f"{a}{b}{c}{d}",
                f"{a}{sep}{b}{sep}{c}{sep}{d}",
                f"{a}{b} {c}{d}",
                # 2-2-4 only where it is no date (a month 13-99 in the middle)
                f"{a}{sep}{max(int(b), 13):02d}{sep}{c}{d}",
            ]
        )
    )
    prefix = draw(st.sampled_from(["", "+45 ", "+45", "0045 "]))
    return prefix + number


@st.composite
def _cpr_numbers(draw: st.DrawFn) -> str:
    day = draw(st.integers(1, 31))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    sep = draw(st.sampled_from(["", "-", " "]))
    return f"{day:02d}{month:02d}{year:02d}{sep}{draw(_QUAD)}"


_BEFORE = st.sampled_from(["", " ", "tlf. ", "(", "CPR ", "nr.: ", "\n", "»", "på "])
_AFTER = st.sampled_from(["", " ", ".", ",", ";", ")", ". Næste", "\n", "«", "!", "?", ":"])


@given(_BEFORE, st.one_of(_phone_numbers(), _cpr_numbers()), _AFTER)
def test_every_danish_number_is_masked_whatever_surrounds_it(before: str, number: str, after: str) -> None:
    masked = mask_personal(f"Kontakt {before}{number}{after} slut")
    digits = "".join(ch for ch in number if ch.isdigit())
    assert not any(ch.isdigit() for ch in masked), (number, masked)
    assert masked.startswith("Kontakt ") and masked.endswith(f"{after} slut")
    assert digits and contains_personal(number)


@given(
    st.sampled_from(["jens", "anne.madsen", "a+b", "x_y-z"]),
    st.sampled_from(["nordby.dk", "rm.dk", "a-b.co.uk"]),
)
def test_every_e_mail_address_is_masked(local: str, domain: str) -> None:
    assert mask_personal(f"skriv til {local}@{domain}.") == "skriv til [e-mail]."


@given(st.integers(0, 60), st.integers(0, 60))
def test_cuts_never_split_a_number_off_its_mask(a: int, b: int) -> None:
    """A source excerpt cut anywhere (window edges, <mark>) and masked part by part shows no digit."""
    from klynge.privacy import cut_outside_personal

    text = "Ring 21 34 56 78 eller skriv til anne.madsen@nordby.dk, CPR 010203 1234 i dag."
    cuts = cut_outside_personal(text, sorted([a, b]))
    parts = [text[: cuts[0]], text[cuts[0] : cuts[1]], text[cuts[1] :]]
    shown = "".join(mask_personal(p) for p in parts)
    assert not any(ch.isdigit() for ch in shown) and "madsen" not in shown, (cuts, shown)
