"""Keeping the search index in step with the store (placeholder until the search index lands)."""

from __future__ import annotations

from sqlalchemy.orm import Session


def reindex_meeting(session: Session, meeting_id: int) -> None:
    """Replace the index entries of one meeting, inside the caller's transaction."""


def remove_meeting(session: Session, meeting_id: int) -> None:
    """Drop the index entries of one meeting, inside the caller's transaction."""
