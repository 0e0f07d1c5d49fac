"""Extraction: decisions, action items, dates and forward topics from a segmented meeting.

decisions.py reads decision statements, actions.py follow-ups with owner, task and due date (dates.py
resolves Danish dates and periods), topics.py the forward agenda.
"""

from __future__ import annotations

import dataclasses

from klynge import deadline
from klynge.extract import sentences
from klynge.extract.actions import item_actions
from klynge.extract.decisions import item_decisions
from klynge.extract.topics import announced_meetings, forward_topics
from klynge.model import Action, Decision, ForwardTopic, Meeting


def extract(meeting: Meeting) -> Meeting:
    decisions: list[Decision] = []
    actions: list[Action] = []
    topics: list[ForwardTopic] = []
    date = meeting.meeting.date
    announced = announced_meetings(meeting)
    following = next((m.date for m in announced if m.date and (date is None or m.date > date)), None)
    for item in meeting.items:
        deadline.check()
        decisions.extend(item_decisions(item))
        actions.extend(item_actions(item, date, meeting.participants, meeting.meeting.forum, following))
        topics.extend(forward_topics(item))
    sentences.forget()
    return dataclasses.replace(
        meeting,
        decisions=tuple(decisions),
        actions=tuple(actions),
        forward_topics=tuple(topics),
        announced_meetings=tuple(announced),
    )
