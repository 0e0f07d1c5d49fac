"""Participant lists: people by organisation heading, roles, (afbud), Afbud:/Fraværende:, guests."""

from __future__ import annotations

from collections.abc import Sequence

from klynge.model import Line, Participant


def read_participants(lines: Sequence[Line]) -> tuple[Participant, ...]:
    """Placeholder. `lines`: a region that may hold participant lists (the header, or the body of
    an item such as '1. Mødedeltagere'). Returns () when the region holds no list of people."""
    return ()
