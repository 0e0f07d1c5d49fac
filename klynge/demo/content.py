"""The demo archive as data: every meeting of every forum in 2022-2024, as interchange JSON.

Deterministic: the same code gives the same meetings (a seeded random.Random per meeting), so the
committed files in `files/` can be checked against this module. Standard items open and close every
meeting (welcome, minutes of last meeting, forward agenda, AOB); between them 3-5 topics from
topics.py, filled in with the forum, the year and the people present.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from klynge.demo.fora import FORA, Forum, Member
from klynge.demo.topics import TOPICS, Topic
from klynge.export.layout import MONTHS, Kind, long_date

YEARS = (2022, 2023, 2024)
FORMATS = ("pdf", "docx", "pdf", "md", "docx", "html", "pdf", "docx", "md", "pdf", "html", "docx")
CLOSED = {("nordklyngen", 2023, 3), ("ssu-vestkyst", 2024, 9)}
"""(forum, year, month) of the meetings with a closed item."""


@dataclass(frozen=True)
class DemoMeeting:
    forum: Forum
    date: dt.date
    kind: Kind
    format: str
    data: dict[str, Any]
    """The meeting in interchange JSON (with 'confidential', 'guest', 'chair', 'note_taker')."""

    @property
    def filename(self) -> str:
        word = "dagsorden" if self.kind == "agenda" else "referat"
        ext = "md" if self.format == "md" else self.format
        return f"{self.date.isoformat()}_{self.forum.slug}_{word}.{ext}"


def _meeting_day(year: int, month: int, offset: int) -> dt.date:
    """A weekday in the second week of the month (Tuesday-Thursday, varying by forum)."""
    day = dt.date(year, month, 8)
    target = 1 + offset % 3
    return day + dt.timedelta(days=(target - day.weekday()) % 7)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def _due(date: dt.date, rng: random.Random) -> dt.date:
    """A plausible deadline 4-8 weeks after the meeting, on the 1st or the 15th."""
    later = date + dt.timedelta(weeks=rng.randint(4, 8))
    return later.replace(day=1 if later.day < 15 else 15)


def _person(m: Member, absent: bool = False, guest: bool = False) -> dict[str, Any]:
    return {"name": m.name, "organisation": m.organisation, "role": m.role, "absent": absent, "guest": guest}


def _pick(rng: random.Random, present: list[Member], kinds: tuple[str, ...]) -> Member:
    for kind in kinds:
        found = [m for m in present if m.kind == kind]
        if found:
            return rng.choice(found)
    return rng.choice(present)


def _fill(text: str, values: dict[str, Any]) -> str:
    return text.format(**values)


def _topic_item(topic: Topic, number: int, values: dict[str, Any], kind: Kind) -> dict[str, Any]:
    item = {
        "number": str(number),
        "title": _fill(topic.title, values),
        "presenter": values["presenter"],
        "recommendation": _fill(topic.recommendation, values),
        "case_text": _fill(topic.case_text, values),
        "attachments": [_fill(a, values) for a in topic.attachments],
        "minutes": _fill(topic.minutes, values) if kind == "minutes" else None,
        "decision": _fill(topic.decision, values) if kind == "minutes" else None,
    }
    return item


def _standard(number: int, title: str, presenter: str | None, **sections: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"number": str(number), "title": title, "presenter": presenter, "attachments": []}
    for key in ("recommendation", "case_text", "minutes", "decision"):
        item[key] = sections.get(key)
    return item


ORIENTATIONS = (
    (
        "Nyt fra den tværsektorielle datagruppe",
        "Datagruppen har opdateret den fælles ledelsesinformation med tal for første halvår. Tallene for "
        "{area} viser et stabilt antal akutte indlæggelser og færre korte indlæggelser for borgere over "
        "75 år. Næste opdatering forelægges på mødet i {next_month}.",
    ),
    (
        "Retningslinje for medicinafstemning ved udskrivelse",
        "Retningslinjen er nu taget i brug på alle medicinske afsnit og i {n} af hjemmeplejens "
        "grupper. Den første audit viser, at medicinlisten var afstemt ved udskrivelsen i {p} procent af "
        "forløbene.",
    ),
    (
        "Fælles uddannelsesdag for sygeplejersker",
        "I alt {n} sygeplejersker fra hospital, kommuner og almen praksis deltog i uddannelsesdagen om "
        "den ældre medicinske patient. Evalueringen var positiv, og {p} procent ønsker en lignende dag "
        "næste år.",
    ),
    (
        "Nyt fra de nationale sundhedsklyngers netværk",
        "Netværket har drøftet erfaringer med fælles visitation til midlertidige pladser og med "
        "telemedicinske løsninger. Oplæggene fra netværksmødet er vedlagt til orientering.",
    ),
)


def _orientations(
    number: int, rng: random.Random, forum: Forum, kind: Kind, next_month: str
) -> list[dict[str, Any]]:
    """A written-orientation item with two sub-items 'N.1' and 'N.2', as many fora use."""
    values: dict[str, Any] = {"area": forum.area, "next_month": next_month}
    values |= {"n": rng.randint(12, 60), "p": rng.randint(70, 95)}
    parent = _standard(
        number,
        "Skriftlige orienteringer",
        None,
        recommendation=f"at {forum.body} tager orienteringerne til efterretning",
        case_text="Punktet samler skriftlige orienteringer. Medlemmerne kan stille spørgsmål på mødet.",
        minutes="Der var ingen spørgsmål til orienteringerne." if kind == "minutes" else None,
        decision="Orienteringerne blev taget til efterretning." if kind == "minutes" else None,
    ) | {"_length": 10}
    subs = []
    for k, (title, text) in enumerate(rng.sample(ORIENTATIONS, 2), start=1):
        subs.append(
            _standard(
                number,
                title,
                None,
                case_text=text.format(**values),
                minutes="Der var ingen bemærkninger." if kind == "minutes" else None,
                decision="Orienteringen blev taget til efterretning." if kind == "minutes" else None,
            )
            | {"number": f"{number}.{k}"}
        )
    return [parent, *subs]


def _next_number(items: list[dict[str, Any]]) -> int:
    return 1 + sum(1 for it in items if "." not in it["number"])


def _topic_count(forum: Forum, index: int) -> int:
    """How many topics meeting `index` of the forum takes up (3-5). Topics run on from meeting to
    meeting, so the forward agenda of one meeting names the first topics of the next."""
    count = random.Random(f"{forum.slug}-topics-{index}").randint(3, 5)
    return min(count, 4) if index % 3 == 1 else count  # room for the written orientations


def _schedule(forum: Forum) -> list[tuple[int, int]]:
    return [(year, month) for year in YEARS for month in forum.months]


def build_meeting(forum: Forum, index: int, year: int, month: int, previous: dt.date | None) -> DemoMeeting:
    """One meeting of `forum`; `index` counts the forum's meetings, `previous` is the last one's date."""
    fnum = FORA.index(forum)
    rng = random.Random(f"{forum.slug}-{year}-{month}")
    date = _meeting_day(year, month, fnum)
    schedule = _schedule(forum)
    is_last = index == len(schedule) - 1
    kind: Kind = "agenda" if is_last else "minutes"
    nxt = schedule[index + 1] if not is_last else (year + 1, forum.months[0])
    next_month = f"{MONTHS[nxt[1] - 1]} {nxt[0]}"

    eligible = [i for i, m in enumerate(forum.members) if m.name != forum.chair]
    absent = set(rng.sample(eligible, k=rng.randint(1, 3)))
    present = [m for i, m in enumerate(forum.members) if i not in absent]
    guest = rng.choice(forum.guests) if forum.guests and rng.random() < 0.4 else None
    chair = next(m for m in forum.members if m.name == forum.chair)

    count = _topic_count(forum, index)
    start_at = (fnum * 2 + sum(_topic_count(forum, i) for i in range(index))) % len(TOPICS)
    chosen = [TOPICS[(start_at + k) % len(TOPICS)] for k in range(count)]
    room = forum.length_minutes - 45  # welcome, minutes, forward agenda, AOB, a closed item
    factor = min(1.0, room / sum(t.minutes_long for t in chosen))
    upcoming = [TOPICS[(start_at + count + k) % len(TOPICS)] for k in range(3)]

    items: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    items.append(
        _standard(
            1,
            "Velkomst og godkendelse af dagsorden",
            chair.name,
            recommendation="at dagsordenen godkendes",
            case_text=f"{forum.chair} byder velkommen. Medlemmerne kan melde punkter til eventuelt.",
            minutes=f"{forum.chair} bød velkommen. Der var ingen punkter til eventuelt."
            if kind == "minutes"
            else None,
            decision="Dagsordenen blev godkendt." if kind == "minutes" else None,
        )
    )
    if previous is not None:
        items.append(
            _standard(
                2,
                f"Godkendelse af referat fra mødet den {long_date(previous)}",
                None,
                recommendation="at referatet godkendes",
                case_text="Referatet har været udsendt, og der er ikke modtaget bemærkninger.",
                minutes="Der var ingen bemærkninger til referatet." if kind == "minutes" else None,
                decision="Referatet blev godkendt." if kind == "minutes" else None,
            )
        )
    for topic in chosen:
        number = _next_number(items)
        use_guest = guest is not None and topic is chosen[0]
        presenter = guest if use_guest and guest else _pick(rng, present, topic.presenter_kinds)
        owner = _pick(rng, [m for m in present if m != presenter] or present, topic.presenter_kinds[::-1])
        due = _due(date, rng)
        values = {
            "body": forum.body,
            "Body": forum.body[0].upper() + forum.body[1:],
            "area": forum.area,
            "hospital": forum.hospital,
            "psychiatry": forum.psychiatry,
            "year": year,
            "prev": year - 1,
            "next": year + 1,
            "presenter": presenter.name,
            "owner": owner.name,
            "due": long_date(due),
            "next_month": next_month,
            "gp": forum.gp,
            "munis": forum.munis,
            "n1": (n1 := rng.randint(40, 900)),
            "n2": n1 + rng.randint(150, 600),
            "pilot": (pilot := rng.randint(25, 90)),
            "days": pilot * rng.randint(4, 8),
            "p1": rng.randint(8, 24),
            "p2": rng.randint(6, 20),
            "amount": rng.randint(4, 18),
            "horizon": year + 10,
        }
        length = max(10, round(topic.minutes_long * factor / 5) * 5)
        items.append(_topic_item(topic, number, values, kind) | {"_length": length})
        if kind == "minutes":
            actions.append(
                {
                    "owner": owner.name,
                    "task": topic.action_task,
                    "due": due.isoformat() if topic.action_due else None,
                    "item": str(number),
                }
            )
    if index % 3 == 1:
        items.extend(_orientations(_next_number(items), rng, forum, kind, next_month))
    if (forum.slug, year, month) in CLOSED:
        number = _next_number(items)
        items.append(
            _standard(
                number,
                f"Fordeling af midler fra puljen til tværsektorielle projekter {year + 1}",
                chair.name,
                recommendation=f"at {forum.body} godkender fordelingen af puljemidlerne",
                case_text=f"Der er modtaget {rng.randint(5, 12)} ansøgninger. Punktet behandles lukket, da "
                "ansøgningerne indeholder oplysninger om enkeltpersoner og tilbudspriser.",
                minutes="Ansøgningerne blev gennemgået." if kind == "minutes" else None,
                decision="Fordelingen blev godkendt som indstillet." if kind == "minutes" else None,
            )
            | {"confidential": True, "_length": 15}
        )
    forward = "\n".join(f"- {_fill(t.title, {'area': forum.area, 'next': nxt[0] + 1})}" for t in upcoming)
    if kind == "minutes":
        actions.append(
            {
                "owner": forum.secretariat,
                "task": "opdaterer listen over punkter til kommende møder og udsender den med referatet",
                "due": None,
                "item": str(_next_number(items)),
            }
        )
    items.append(
        _standard(
            _next_number(items),
            "Punkter til kommende møder",
            chair.name,
            recommendation=f"at {forum.body} drøfter og prioriterer punkter til kommende møder",
            case_text=f"Følgende punkter er foreløbigt planlagt til mødet i {next_month}:\n{forward}",
            minutes=f"Listen blev gennemgået. {forum.secretariat} opdaterer listen og udsender den med "
            "referatet."
            if kind == "minutes"
            else None,
            decision="Punkterne blev prioriteret som foreslået." if kind == "minutes" else None,
        )
    )
    items.append(
        _standard(
            _next_number(items),
            "Eventuelt",
            None,
            minutes="Intet at bemærke." if kind == "minutes" else None,
            case_text=None if kind == "minutes" else "Punkter meldt ved mødets start.",
        )
        | {"_length": 5}
    )

    # Time slots: the standard items are short; the end of the last slot is the meeting's end.
    clock = _minutes(forum.start)
    for item in items:
        if "." in item["number"]:  # a sub-item: no slot or journal number of its own
            item.update(time=None, case_number=None)
            continue
        length = item.pop("_length", 10)
        item["time"] = f"{_hhmm(clock)}-{_hhmm(clock + length)}"
        item["case_number"] = _case_number(forum, year, index, int(item["number"]))
        clock += length

    participants = [_person(m, absent=i in absent) for i, m in enumerate(forum.members)]
    if guest is not None:
        participants.append(_person(guest, guest=True))
    data = {
        "meeting": {
            "forum": forum.name,
            "date": date.isoformat(),
            "start": forum.start,
            "end": _hhmm(clock),
            "location": forum.places[index % len(forum.places)],
            "chair": forum.chair,
            "note_taker": forum.note_taker,
        },
        "participants": participants,
        "items": items,
        "actions": actions,
    }
    fmt = FORMATS[(index * 5 + fnum * 3) % len(FORMATS)]
    return DemoMeeting(forum, date, kind, fmt, data)


def _case_number(forum: Forum, year: int, index: int, number: int) -> str | None:
    if forum.case_prefix is None:
        return None
    seq = 10 + index * 12 + number
    if forum.case_prefix == "acadre":
        return f"{year % 100:02d}/{1000 + seq * 7:05d}"
    return f"{forum.case_prefix}{seq}-{year % 100:02d}"


def meetings() -> list[DemoMeeting]:
    """Every demo meeting, forum by forum, oldest first."""
    out: list[DemoMeeting] = []
    for forum in FORA:
        previous: dt.date | None = None
        for index, (year, month) in enumerate(_schedule(forum)):
            meeting = build_meeting(forum, index, year, month, previous)
            out.append(meeting)
            previous = meeting.date
    return out
