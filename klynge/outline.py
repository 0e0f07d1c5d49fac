"""A readable plain-text outline of a meeting, for terminals (`parse --format text`, `show`)."""

from __future__ import annotations

from klynge.interchange import item_decision
from klynge.model import Meeting, SectionKind

LABELS = {
    SectionKind.RECOMMENDATION: "Indstilling",
    SectionKind.CASE_TEXT: "Sagsfremstilling",
    SectionKind.ATTACHMENTS: "Bilag",
    SectionKind.MINUTES: "Referat",
    SectionKind.DECISION: "Beslutning",
    SectionKind.ORIENTATION: "Orientering",
}


def _short(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def outline(meeting: Meeting) -> str:
    info = meeting.meeting
    out: list[str] = []
    out.append(info.forum or "(ukendt forum)")
    when = " ".join(
        x
        for x in [
            info.date.isoformat() if info.date else "",
            f"{info.start or ''}-{info.end or ''}".strip("-"),
        ]
        if x
    )
    if when:
        out.append(f"  Tid: {when}")
    if info.location:
        out.append(f"  Sted: {info.location}")
    if meeting.participants:
        out.append(f"  Deltagere ({len(meeting.participants)}):")
        org: str | None = "\0"
        for p in meeting.participants:
            if p.organisation != org:
                org = p.organisation
                out.append(f"    {org or '(uden organisation)'}")
            flag = " (afbud)" if p.absent else ""
            role = f", {p.role}" if p.role else ""
            out.append(f"      {p.name}{role}{flag}")
    out.append("")
    for it in meeting.items:
        extra = ", ".join(
            x
            for x in [it.time and f"kl. {it.time}", it.presenter and f"v/{it.presenter}", it.case_number]
            if x
        )
        closed = " [LUKKET]" if it.confidential else ""
        out.append(f"{it.number}. {it.title}{closed}" + (f"  ({extra})" if extra else ""))
        for kind, label in LABELS.items():
            if kind == SectionKind.ATTACHMENTS:
                continue
            text = item_decision(meeting, it) if kind == SectionKind.DECISION else it.section_text(kind)
            if text:
                out.append(f"    {label}: {_short(text)}")
        for att in it.attachments:
            out.append(f"    Bilag: {att}")
    if meeting.actions:
        out.append("")
        out.append("Opfølgning:")
        for a in meeting.actions:
            due = f" (frist: {a.due.phrase})" if a.due else ""
            out.append(f"  - {a.owner}: {_short(a.task, 120)}{due}")
    return "\n".join(out)
