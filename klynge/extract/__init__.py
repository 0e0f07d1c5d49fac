"""Extraction: decisions, action items, dates and forward topics from a segmented meeting."""

from __future__ import annotations

from klynge.model import Meeting


def extract(meeting: Meeting) -> Meeting:
    """Placeholder until the extractors land."""
    return meeting
