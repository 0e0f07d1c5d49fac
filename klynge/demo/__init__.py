"""The bundled demo archive: synthetic minutes in the genre, written for the product.

`files()` lists the committed documents in `files/` (PDF, DOCX, Markdown, HTML); `klynge demo` and
`klynge serve --demo` ingest them. They are made by `python -m klynge.demo.build` from content.py.
"""

from __future__ import annotations

from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
SUFFIXES = (".pdf", ".docx", ".md", ".html")


def files() -> list[Path]:
    """The demo documents, sorted by name (which starts with the meeting date)."""
    return sorted(p for p in FILES.iterdir() if p.suffix in SUFFIXES) if FILES.is_dir() else []


__all__ = ["FILES", "files"]
