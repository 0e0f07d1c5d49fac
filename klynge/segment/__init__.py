"""Segmentation: cleaned lines to a meeting with participants, items and sections."""

from __future__ import annotations

from collections.abc import Sequence

from klynge.errors import NoAgenda
from klynge.model import Document, Line, Meeting


def segment(document: Document, lines: Sequence[Line]) -> Meeting:
    """Placeholder until the segmenter lands."""
    raise NoAgenda(f"{document.name}: ingen dagsordenspunkter fundet")
