"""Decision statements: each Beslutning entry, or the deciding sentences of a Referat.

A Beslutning list of three bullets gives three decisions. Where an item has only a Referat, the
sentences that approve or take note count ("Dagsordenen blev godkendt."); agreements ("aftalt"),
recommendations and postponements there do not (they are actions, or nothing).
"""

from __future__ import annotations

import re

from klynge.extract.sentences import sentences
from klynge.model import Decision, DecisionKind, Item, SectionKind

_APPROVED = re.compile(
    r"\bgodkend\w*|\bvedtag\w*|\btiltræd\w*|\bbakker op\b|\bbesluttede\b|\bbesluttet\b|\bbesluttes\b",
    re.IGNORECASE,
)
_NOTED = re.compile(
    r"\btil efterretning\b|\btaget til orientering\b|\borienteringen\b.*\btaget\b", re.IGNORECASE
)
_POSTPONED = re.compile(
    r"\budsk[ydu]\w*|\budsat\b|\budsættes\b|\bdrøftes igen\b|\bgenoptages\b", re.IGNORECASE
)
_REJECTED = re.compile(r"\bafvist\w*|\bafvises\b|\bikke godkend\w*|\bforkast\w*", re.IGNORECASE)
_STATES = re.compile(
    r"\bgodkend\w*|\btil efterretning\b|\bbesluttede\b|\bblev besluttet\b|\bdet besluttes\b|\bvedtog\b|\bvedtaget\b",
    re.IGNORECASE,
)
_HEDGED = re.compile(
    r"\b(?:skal|kan|bør|vil|ønsker at|mhp\.?|med henblik på)\s+(?:\w+\s+){0,2}godkend", re.IGNORECASE
)


def kind_of(text: str) -> DecisionKind:
    if _REJECTED.search(text):
        return DecisionKind.REJECTED
    if _POSTPONED.search(text):
        return DecisionKind.POSTPONED
    if _NOTED.search(text):
        return DecisionKind.NOTED
    if _APPROVED.search(text):
        return DecisionKind.APPROVED
    return DecisionKind.OTHER


def states_decision(sentence: str) -> bool:
    """Does a Referat sentence record a decision of this body (approval, taken note)?"""
    return bool(_STATES.search(sentence)) and not _HEDGED.search(sentence)


def item_decisions(item: Item) -> list[Decision]:
    found: list[Decision] = []
    decided = [s for s in item.sections if s.kind == SectionKind.DECISION and s.text.strip()]
    for section in decided:
        lines = [ln.strip() for ln in section.text.split("\n") if ln.strip()]
        bullets = [ln[2:] for ln in lines if ln.startswith("- ")]
        if len(bullets) >= 2 and len(bullets) == len(lines):
            entries = bullets
        else:
            parts = sentences(section.text)
            entries = parts if len(parts) > 1 and all(states_decision(p) for p in parts) else [section.text]
        for entry in entries:
            found.append(Decision(item.number, " ".join(entry.split()), kind_of(entry), section.span))
    if found:
        return found
    for section in item.sections:
        if section.kind != SectionKind.MINUTES:
            continue
        for sentence in sentences(section.text):
            if states_decision(sentence):
                found.append(Decision(item.number, sentence, kind_of(sentence), section.span))
    return found
