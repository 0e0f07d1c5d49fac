"""Pages flattened onto one line are cut at the genre's structure (issue 15: PDF transcripts)."""

from __future__ import annotations

from klynge import parse
from klynge.clean.flattened import cut_flattened
from klynge.model import BlockKind, Line, SectionKind, Span

PAGE = (
    "3 Den 27. oktober 2011 REGIONAL UDVIKLINGSUDVALGET SAG NR. 1 SKITSE TIL PLANEN SAGSFREMSTILLING "
    "Sagen forelægges udvalget med henblik på en drøftelse af temaerne infrastruktur og erhverv. "
    "Administrationen har udarbejdet en første skitse til planen, som præsenteres på mødet. BESLUTNING "
    "Udvalget drøftede skitsen. SAG NR. 2 MEDDELELSER SAGSFREMSTILLING Der var ingen meddelelser på mødet."
)


def test_a_flattened_page_is_cut_at_items_and_captions() -> None:
    line = Line(PAGE, BlockKind.LINE, Span(0, len(PAGE)))
    texts = [piece.text for piece in cut_flattened(line)]
    assert "SAG NR. 1 SKITSE TIL PLANEN" in texts and "SAG NR. 2 MEDDELELSER" in texts
    assert texts.count("SAGSFREMSTILLING") == 2 and "BESLUTNING" in texts
    assert all(0 <= p.span.start <= p.span.end <= len(PAGE) for p in cut_flattened(line))
    short = Line("Sagen forelægges udvalget. BESLUTNING Godkendt.", BlockKind.LINE, Span(0, 10))
    assert cut_flattened(short) == [short]


def test_a_flattened_transcript_yields_its_items() -> None:
    meeting = parse(f"Referat\n\n{PAGE}\n".encode(), "transkript.txt")
    assert [(it.number, it.title) for it in meeting.items] == [
        ("1", "SKITSE TIL PLANEN"),
        ("2", "MEDDELELSER"),
    ]
    assert meeting.items[0].section_text(SectionKind.DECISION) == "Udvalget drøftede skitsen."


def test_a_numbered_list_run_together_is_cut_at_its_numbers_only() -> None:
    text = (
        "Åben dagsorden 1 Meddelelser fra formanden 2 Forslag til tillæg 2 til Kommuneplan 2013, Klimaplan "
        "3 Lokalplan 238 for Nybrovej 4 (Åben) Anlægsbevilling på 10 mio. kr. til fjernvarme ...... 7 "
        "5 Gentoftegade 71 - Familiecenter " + "og mere tekst om sagerne " * 8
    )
    pieces = [p.text for p in cut_flattened(Line(text, BlockKind.LINE, Span(0, len(text))))]
    assert [p.split()[0] for p in pieces[1:]] == ["1", "2", "3", "4", "5"]
    assert "Klimaplan" in pieces[2] and "10 mio. kr." in pieces[4]
    meeting = parse(f"Dagsorden\n\n{text}\n".encode(), "dagsorden.txt")
    assert [(it.number, it.title) for it in meeting.items][:4] == [
        ("1", "Meddelelser fra formanden"),
        ("2", "Forslag til tillæg 2 til Kommuneplan 2013, Klimaplan"),
        ("3", "Lokalplan 238 for Nybrovej"),
        ("4", "Anlægsbevilling på 10 mio. kr. til fjernvarme"),
    ]
