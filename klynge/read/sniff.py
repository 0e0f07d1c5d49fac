"""Which reader a file needs, decided from its content; the file name only breaks ties."""

from __future__ import annotations

import io
import re
import zipfile

from klynge.errors import EmptyDocument, UnreadableDocument, UnsupportedFormat
from klynge.read.text import decode

_BINARY_SIGNATURES = {
    b"\x89PNG": "PNG-billede",
    b"\xff\xd8\xff": "JPEG-billede",
    b"GIF8": "GIF-billede",
    b"\xd0\xcf\x11\xe0": "gammelt Office-format (.doc/.xls); gem som .docx eller PDF",
    b"{\\rtf": "RTF; gem som .docx eller PDF",
    b"\x1f\x8b": "gzip-arkiv",
    b"Rar!": "RAR-arkiv",
    b"7z\xbc\xaf": "7z-arkiv",
}
_PROMISED = {"pdf": "en PDF", "docx": "en Word-fil (DOCX)", "docm": "en Word-fil (DOCX)"}
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_MARKUP = re.compile(r"^\s*(?:[-*+]\s+\S|\|.*\|\s*$)|\]\([^)]*\)|\*\*\S", re.MULTILINE)
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:p|div|h[1-6]|table|tr|td|li|ul|ol|body|span|br)\b[^>]*>", re.IGNORECASE)


def sniff(data: bytes, name: str) -> str:
    """'pdf', 'docx', 'html', 'markdown' or 'text'; raises for empty or unsupported input."""
    if not data.removeprefix(b"\xef\xbb\xbf").strip() or (_utf16(data) and not decode(data).strip()):
        raise EmptyDocument(f"{name}: filen er tom")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
            names = set()
        if "word/document.xml" in names or name.lower().endswith(".docx"):
            return "docx"
        raise UnsupportedFormat(f"{name}: ukendt filformat (et zip-arkiv, men ikke en Word-fil)")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnsupportedFormat(f"{name}: ukendt filformat ({what})")
    promised = _PROMISED.get(name.lower().rsplit(".", 1)[-1]) if "." in name else None
    if promised:  # content wins when it is recognisable; a .docx of plain text is not what it says
        raise UnreadableDocument(f"{name}: er ikke {promised} (filen indeholder noget andet)")
    sample = data[:8192]
    if _utf16(data):
        text = decode(data[:8192])
    elif sample.count(b"\x00") > 0 or _control_ratio(sample) > 0.05:
        raise UnsupportedFormat(f"{name}: ukendt filformat (binære data, ikke tekst)")
    else:
        text = sample.decode("utf-8", errors="replace")
    lower = name.lower()
    if _HTML_START.search(text):
        return "html"
    html_name = lower.endswith((".html", ".htm", ".xhtml"))
    # Markdown structure beats "mostly tags": pandoc's DOCX-to-Markdown may open with an HTML table.
    if not html_name and (len(_MD_HEADING.findall(text)) >= 2 or _MD_TABLE_RULE.search(text)):
        return "markdown"
    if len(_HTML_TAG.findall(text)) >= 5 and text.lstrip().startswith("<"):
        return "html"
    if html_name and _HTML_TAG.search(text):
        return "html"
    if lower.endswith((".md", ".markdown")) and (_MD_HEADING.search(text) or _MD_MARKUP.search(text)):
        return "markdown"
    return "text"


def _utf16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _control_ratio(sample: bytes) -> float:
    allowed = {9, 10, 12, 13}
    bad = sum(1 for b in sample if b < 32 and b not in allowed)
    return bad / max(len(sample), 1)
