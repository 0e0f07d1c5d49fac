"""The meeting header: forum, date, start/end, location, chair, note-taker."""

from __future__ import annotations

from collections.abc import Sequence

from klynge.model import Document, Line, MeetingInfo


def read_meeting_info(document: Document, lines: Sequence[Line], header: Sequence[Line]) -> MeetingInfo:
    """Placeholder. `lines`: all cleaned lines; `header`: the lines before the first agenda item.

    `document.text` still holds page headers/footers that cleaning dropped (a footer often carries
    the meeting date, e.g. 'Styregruppemøde 13. marts 2019').
    """
    return MeetingInfo()
