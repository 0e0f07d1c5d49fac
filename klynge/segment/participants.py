"""Participant lists: people by organisation heading, roles, (afbud), Afbud:/Fraværende:, guests.

A list starts at a label ("Deltagere:", "Inviterede:", "Til stede:") or, in an item about the
participants, at once. Inside it a line is a person ("Name, role"), an organisation heading (a short
line followed by people), a continuation of the line above, or the end of the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from klynge.model import BlockKind, Line, Participant, Span

_START = re.compile(
    r"^(?:inviterede|deltagere|mødedeltagere|til stede|tilstede|fremmødte|medlemmer|deltog|deltager(?:ne)?|"
    r"indbudte|til stede var)\s*[:.]?\s*(.*)$",
    re.IGNORECASE,
)
_ABSENT = re.compile(
    r"^(?:afbud(?:\s+fra)?|fraværende|forhindret|ikke til stede|meldt afbud)\s*[:.]?\s*(.*)$", re.IGNORECASE
)
_GUESTS = re.compile(
    r"^(gæst(?:er)?|inviterede gæster|deltog under punkt(?:et)?)\b\s*([^:]*):\s*(.*)$", re.IGNORECASE
)
_END = re.compile(
    r"^(?:dagsorden|referat|indstilling|sagsfremstilling|beslutning|bilag|mødeleder|referent|tid|sted|dato)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-ZÆØÅ][a-zæøåäöüé]+(?:-[A-ZÆØÅ][a-zæøåäöüé]+)?|[A-ZÆØÅ]\.)"
_NAME = re.compile(rf"^({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|von|van|de|af|la|le)){{1,4}})$")
_CONTACT = re.compile(r"\b(?:tlf|tel|mobil|mail)\b\.?|@|\+45|\b\d{4}\s?\d{4}\b", re.IGNORECASE)
_ABSENT_NOTE = re.compile(r",?\s*\(\s*afbud\s*\)|,?\s*\bafbud\b\s*$", re.IGNORECASE)
_ATTENDANCE = re.compile(r"\(\s*((?:deltog|deltager|deltaget|kommer|går)\b[^)]*)\)", re.IGNORECASE)
_ORG_WORDS = re.compile(
    r"\b\w*(?:kommune|region|hospital|psykiatri|sygehus|praksis|afdeling|center|centret|sekretariat|"
    r"forening|klinik|enhed|direktion|forvaltning|styrelse|universitet|repræsentant|patient|pårørende)\w*\b"
    r"|\b(?:plo|kl|danske|almen)\b",
    re.IGNORECASE,
)
_ROLE_FIRST = re.compile(
    r"^((?:[a-zæøå]+\s+){0,2}[a-zæøå]*(?:sygeplejerske|chef|leder|direktør|konsulent|læge|overlæge|terapeut|"
    r"koordinator|formand|sekretær|medarbejder|specialist|jordemoder))\s+",
    re.IGNORECASE,
)


@dataclass
class _Person:
    name: str
    role: str = ""
    organisation: str | None = None
    absent: bool = False
    guest: bool = False
    span: Span | None = None
    extra: list[str] = field(default_factory=list)


_PARTY = re.compile(r"\s*\(([A-ZÆØÅ]{1,3})\)")
_STATUS_AFTER = re.compile(
    r"^(.{4,80}?)\s*[:–-]\s*(deltog|afbud|fraværende|ikke til stede)\b.*$", re.IGNORECASE
)
"""A member with their attendance after a colon: "Lars Gaardhøj: Deltog", "Sofie Olsen: Afbud (…)"."""
_ABSENT_SENTENCE = re.compile(
    r"(?:(?:havde|har)\s+meldt\s+afbud|meldte\s+afbud|var\s+fraværende|\bafbud\s+fra\b|\bfraværende\s+var\b"
    r"|\bmødt\s+undtagen\b)",
    re.IGNORECASE,
)
_SENTENCE_NAME = re.compile(
    r"(?<![\w.])((?:[A-ZÆØÅ][a-zæøåäöüé]+(?:-[A-ZÆØÅ][a-zæøåäöüé]+)?)(?:\s+(?:[A-ZÆØÅ]\.|[A-ZÆØÅ][a-zæøåäöüé]+"
    r"(?:-[A-ZÆØÅ][a-zæøåäöüé]+)?|de|von|van)){1,4})(?:\s*\([A-ZÆØÅ]{1,3}\))?"
)
_COLUMN_ROLE = re.compile(r"^(?:rolle|titel|stilling|funktion)", re.IGNORECASE)
_COLUMN_ORG = re.compile(
    r"^(?:organisation|myndighed|enhed|arbejdssted|forvaltning|repræsenterer)", re.IGNORECASE
)


def _inline_names(text: str) -> list[str] | None:
    """'Jens Holm (A), Birthe Sand og Ali Hassan' after a label: several people on one line."""
    pieces = [x.strip() for x in re.split(r",\s*|\s+og\s+", text.strip(" .")) if x.strip()]
    if len(pieces) < 2:
        return None
    names = [_PARTY.sub("", x).strip() for x in pieces]
    if all(_NAME.match(n) and not _ORG_WORDS.search(n) for n in names):
        return pieces
    return None


def _cell(cells: Sequence[str], i: int) -> str:
    return cells[i] if 0 <= i < len(cells) else ""


def _split_person(text: str) -> tuple[str, str] | None:
    """(name, rest) when the line starts with a person's name."""
    head, _, rest = text.partition(",")
    head = head.strip()
    party = _PARTY.search(head)
    if party:
        # "Jens Holm (A), formand": the party letter stays with the role, not the name.
        head = _PARTY.sub("", head).strip()
        rest = f"{rest.strip()} ({party.group(1)})".strip()
    m = _ROLE_FIRST.match(head)
    role_first = ""
    if m and _NAME.match(head[m.end() :].strip()):
        role_first, head = m.group(1), head[m.end() :].strip()
    if not _NAME.match(head) or _ORG_WORDS.search(head):
        return None
    rest = rest.strip()
    if role_first:
        rest = f"{role_first}, {rest}" if rest else role_first
    return head, rest


def _is_heading(lines: Sequence[Line], k: int) -> bool:
    """A short line without a comma, followed by a person: an organisation heading."""
    text = lines[k].text.strip().rstrip(":")
    if "," in text or len(text) > 60 or not text[:1].isupper() or _CONTACT.search(text):
        return False
    if text.endswith("."):
        return False
    return any(_split_person(nxt.text.strip()) for nxt in lines[k + 1 : k + 3])


def _join(parts: Sequence[str]) -> str:
    """Wrapped pieces of one line. A town split at its hyphen runs on ("Ikast-" + "Brande kommune");
    otherwise the hyphen is a shared compound ending ("Fysio- Ergoterapi") and keeps its space."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        town = out.endswith("-") and re.match(r"[A-ZÆØÅ][\w]*\s+(?:kommune|region)\b", part, re.IGNORECASE)
        out = f"{out}{part}" if town else f"{out} {part}".strip()
    return out


def _split_organisation(role: str) -> tuple[str, str | None]:
    """(role, organisation) when the line ends with an organisation: ", HEV" or " Herning kommune"."""
    parts = [x.strip() for x in role.split(",")]
    if len(parts) > 1 and (_ORG_WORDS.search(parts[-1]) or re.fullmatch(r"[A-ZÆØÅ]{2,6}", parts[-1])):
        return ", ".join(parts[:-1]), parts[-1]
    m = re.search(r"\s([A-ZÆØÅ][\w\-]+(?:-\w+)?\s+[Kk]ommune)$", role)
    if m:
        before = role[: m.start()].strip()
        # "Praksiskonsulent for Herning kommune": the municipality is part of the title as well.
        if re.search(r"\b(?:for|i|ved|hos)$", before, re.IGNORECASE):
            return role, m.group(1)
        return before, m.group(1)
    return role, None


def _finish(p: _Person) -> Participant:
    role = _join([p.role, *p.extra])
    attendance = None
    m = _ATTENDANCE.search(role)
    if m:
        attendance = m.group(1).strip()
        role = (role[: m.start()] + role[m.end() :]).strip()
    absent = p.absent
    if _ABSENT_NOTE.search(role):
        absent = True
        role = _ABSENT_NOTE.sub("", role).strip()
    # Notes in brackets, "(medformand)", stay with the role but must not hide the organisation.
    notes = re.findall(r"\([^()]*\)", role)
    role = re.sub(r"\s*\([^()]*\)", "", role)
    role = re.sub(r"\s+", " ", role).strip(" ,.")
    organisation = p.organisation
    if organisation is None and role:
        role, organisation = _split_organisation(role)
        role = role.strip(" ,")
    role = " ".join([role, *notes]).strip()
    return Participant(
        name=p.name,
        organisation=organisation,
        role=role or None,
        absent=absent,
        guest=p.guest,
        attendance=attendance,
        span=p.span,
    )


def read_participants(lines: Sequence[Line], *, listed: bool = False) -> tuple[Participant, ...]:
    """People in the participant lists of a region. `listed`: the region is itself a list of
    participants (an item "Mødedeltagere"), so no label is needed to start."""
    people: list[_Person] = []
    active = listed
    absent = guest = False
    guest_note = ""
    org: str | None = None
    columns: dict[str, int] | None = None
    for k, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        start = _START.match(text)
        if start:
            active, absent, guest, org = True, False, False, None
            rest = start.group(1).strip()
            inline = _inline_names(rest) if rest else None
            if inline:
                people.extend(_Person(*_split_person(x) or (x, ""), span=line.span) for x in inline)
                continue
            if rest and not _split_person(rest):
                org = rest.rstrip(":").strip()
                continue
            elif rest:
                text = rest
            else:
                continue
        a = _ABSENT.match(text)
        if a and (active or people or _split_person(a.group(1)) or _inline_names(a.group(1))):
            active, absent, guest = True, True, False
            text = a.group(1).strip()
            if not text:
                continue
            inline = _inline_names(text)
            if inline:
                people.extend(
                    _Person(*_split_person(x) or (x, ""), absent=True, span=line.span) for x in inline
                )
                continue
        g = _GUESTS.match(text)
        if g and (active or people):
            active, absent, guest, org = True, False, True, None
            note = g.group(2).strip(" ,")
            guest_note = f"gæst, {note}" if note else "gæst"
            text = g.group(3).strip()
            if not text:
                continue
        if not active:
            continue
        if _END.match(text) and not _split_person(text) and line.kind != BlockKind.TABLE_ROW:
            if listed and re.match(r"^sagsfremstilling\b", text, re.IGNORECASE):
                continue
            active = False
            continue
        if _CONTACT.search(text):
            continue
        if line.kind == BlockKind.TABLE_ROW:
            cells = [c.strip() for c in text.split("|")]
            if any(c.lower() == "navn" for c in cells):
                # A header row says which column holds what: "Navn | Organisation | Rolle".
                columns = {
                    "name": next(i for i, c in enumerate(cells) if c.lower() == "navn"),
                    "role": next((i for i, c in enumerate(cells) if _COLUMN_ROLE.match(c)), -1),
                    "org": next((i for i, c in enumerate(cells) if _COLUMN_ORG.match(c)), -1),
                }
                continue
            at = columns or {"name": 0, "role": 1, "org": 2}
            name_cell = cells[at["name"]] if at["name"] < len(cells) else ""
            split = _split_person(name_cell)
            if split:
                row_absent = absent or any(_ABSENT_NOTE.search(c) for c in cells)
                organisation = _ABSENT_NOTE.sub("", _cell(cells, at["org"])).strip() or org
                role = " ".join(x for x in (_cell(cells, at["role"]), split[1]) if x)
                people.append(_Person(split[0], role, organisation, row_absent, guest, line.span))
            continue
        status = _STATUS_AFTER.match(text)
        if status and _split_person(status.group(1)):
            name, rest = _split_person(status.group(1)) or (status.group(1), "")
            gone = not status.group(2).lower().startswith("deltog")
            people.append(_Person(name, rest, org, gone, guest, line.span))
            continue
        person = _split_person(text)
        if person and not (people and _continues(people[-1], text)):
            name, rest = person
            if guest and guest_note:
                rest = f"{rest} ({guest_note})" if rest else f"({guest_note})"
            people.append(_Person(name, rest, None if guest else org, absent, guest, line.span))
            continue
        if people and _continues(people[-1], text):
            people[-1].extra.append(text)
            continue
        if _is_heading(lines, k):
            org = text.rstrip(":").strip()
            continue
        if len(text) > 80 or (text.endswith(".") and len(text.split()) > 6):
            active = False
    return tuple(_finish(p) for p in people)


def _continues(person: _Person, text: str) -> bool:
    """A wrapped line of the person above: starts with '(' or lower case, or the line above ended open."""
    last = person.extra[-1] if person.extra else person.role
    if text.startswith("(") or text[:1].islower():
        return True
    return bool(last) and last.rstrip().endswith((",", "-", "og"))


def absent_in_prose(lines: Sequence[Line]) -> tuple[Participant, ...]:
    """Members named as absent in a sentence of the minutes: "X og Y havde meldt afbud", "Der er
    afbud fra X, Y og Z", "Alle medlemmer var mødt undtagen X, der havde meldt afbud", "X var
    fraværende". Only the names in the sentence's list (before or after the phrase), never a
    heading or a fragment."""
    found: list[Participant] = []
    for line in lines:
        text = line.text.strip()
        if len(text) > 400:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            m = _ABSENT_SENTENCE.search(sentence)
            if not m:
                continue
            phrase = m.group(0).lower()
            if phrase.startswith(("afbud fra", "fraværende var")) or "undtagen" in phrase:
                part = sentence[m.end() :]
                part = re.split(r",\s*(?:der|som)\b|\s+(?:og|men)\s+(?:\w+\s+)?(?:deltog|mødte)\b", part)[0]
            else:
                part = sentence[: m.start()]
                part = re.split(r"\b(?:at|og at)\s+(?=[A-ZÆØÅ])", part)[-1]
            names = [n for n in _names_listed(part)]
            found.extend(Participant(name=n, absent=True, span=line.span) for n in names)
    return tuple(found)


def _names_listed(part: str) -> list[str]:
    """The names of "X, Y og Z" (parties in brackets dropped); none when the list holds other words."""
    pieces = [x.strip(" .,;") for x in re.split(r",\s*|\s+og\s+|\s+samt\s+", part.strip()) if x.strip(" .,;")]
    names = []
    for piece in pieces:
        m = _SENTENCE_NAME.fullmatch(_PARTY.sub("", piece).strip()) if piece else None
        if m and not _ORG_WORDS.search(piece):
            names.append(m.group(1))
    return names if names and len(names) == len(pieces) else []
