"""Personal data in minutes text: e-mail addresses, Danish phone numbers and CPR-like numbers.

    mask_personal("Kontakt Jens på jens@kommune.dk eller tlf. 21 43 65 87")
    -> "Kontakt Jens på [e-mail] eller tlf. [telefon]"

The public sees the masked text; members and the secretariat see it as written. The patterns are
written for the genre: journal numbers (1-52-100-22-09, 24/12345), dates, clock times, amounts with
thousands separators, CVR/EAN numbers and postal codes are left alone.
"""

from __future__ import annotations

import re

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[telefon]"
CPR_MASK = "[cpr]"

_EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])")

# ddmmyy-xxxx or ddmmyyxxxx with a plausible day and month; not inside a longer number or id.
_CPR = re.compile(r"(?<![\w/.-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?![\w/-]|\.\d)")

# Eight digits as 12345678, 12 34 56 78, 1234 5678 or 12-34-56-78 (not 2020-2024), optionally after +45;
# not preceded by words that make it an id (CVR, EAN, journal numbers) and not part of a longer number.
_PHONE = re.compile(
    r"(?<![\w/.,-])"
    r"(?<!cvr )(?<!cvr: )(?<!cvr-nr\. )(?<!cvr-nr\.: )(?<!ean )(?<!ean: )(?<!j\.nr\. )(?<!sagsnr\. )"
    r"(?:(?:\+|00)45[ -]?)?"
    r"(?:\d{8}|\d{2}(?:[ -]\d{2}){3}|\d{4} \d{4})"
    r"(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)


def mask_personal(text: str) -> str:
    """The text with e-mail addresses, phone numbers and CPR-like numbers replaced by marks."""
    if not text or ("@" not in text and not any(ch.isdigit() for ch in text)):
        return text
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _CPR.sub(CPR_MASK, text)
    return _PHONE.sub(PHONE_MASK, text)


def contains_personal(text: str) -> bool:
    return mask_personal(text) != text
