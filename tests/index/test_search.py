"""Search on both backends: Danish matching, query language, filters, facets, visibility, safety."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from klynge.errors import InputError, NotFound
from klynge.index import writer
from klynge.index.search import SearchResult, related, search
from klynge.index.tables import search_doc, search_term
from klynge.index.writer import Piece
from klynge.store.db import SessionFactory, engine_of, open_store

RANDERS = "Klyngestyregruppen for Randersklyngen"
HORSENS = "Horsensklyngen"


def _meeting(
    meeting_id: int,
    forum: str,
    date: dt.date,
    items: list[tuple[int, str, dict[str, str]]],
    published: bool = True,
    confidential_items: frozenset[int] = frozenset(),
) -> list[Piece]:
    """Pieces of one synthetic meeting: each item's title and sections."""
    base = {
        "meeting_id": meeting_id,
        "forum": forum,
        "date": date,
        "published": published,
        "organisations": ("Randers Kommune", "Region Midtjylland"),
        "persons": ("Anne Holm", "Bo Lund"),
    }
    pieces = [Piece(section="meeting", text=f"{forum}\nAnne Holm, Randers Kommune\nBo Lund", **base)]  # type: ignore[arg-type]
    for item_id, title, sections in items:
        common = dict(
            base,
            item_id=item_id,
            item_number=str(item_id % 100),
            title=title,
            confidential=item_id in confidential_items,
        )
        pieces.append(Piece(section="title", text=title, **common))  # type: ignore[arg-type]
        for kind, body in sections.items():
            pieces.append(Piece(section=kind, text=body, **common))  # type: ignore[arg-type]
    return pieces


ARCHIVE = [
    _meeting(
        1,
        RANDERS,
        dt.date(2019, 3, 5),
        [
            (
                101,
                "Genindlæggelser af ældre medicinske patienter",
                {
                    "case_text": "Antallet af genindlæggelser er steget. "
                    "Klyngen ser på behandling i eget hjem.",
                    "decision": "Styregruppen godkendte indstillingen om IV-behandling i eget hjem.",
                },
            ),
            (
                102,
                "Livets afslutning",
                {"case_text": "Fælles indsats for den palliative borger og pårørende."},
            ),
        ],
    ),
    _meeting(
        2,
        RANDERS,
        dt.date(2021, 9, 14),
        [
            (
                201,
                "Status på færdigbehandlingsdage",
                {
                    "minutes": "Færdigbehandlingsdage på sygehuset drøftet; genindlæggelserne faldt i 2021.",
                    "recommendation": "Det indstilles, at orienteringen tages til efterretning.",
                },
            ),
            (202, "Fælles skolebænk", {"decision": "Fælles skolebænk for sygeplejersker fortsætter i 2022."}),
        ],
    ),
    _meeting(
        3,
        HORSENS,
        dt.date(2022, 1, 20),
        [
            (
                301,
                "Livets afslutning i klyngen",
                {"case_text": "Palliativ indsats for borger og pårørende ved livets afslutning."},
            ),
            (
                302,
                "Aabenraa-modellen",
                {"case_text": "Erfaringer fra Åbenrå med udgående sygeplejersker og behandling."},
            ),
        ],
    ),
    _meeting(
        4,
        HORSENS,
        dt.date(2023, 5, 2),
        [
            (
                401,
                "Genindlæggelse efter udskrivning",
                {"decision": "Lukket: genindlæggelse af navngiven borger."},
            ),
        ],
        confidential_items=frozenset({401}),
    ),
    _meeting(
        5,
        HORSENS,
        dt.date(2024, 2, 2),
        [
            (
                501,
                "Ikke offentliggjort punkt om genindlæggelser",
                {"case_text": "Udkast om genindlæggelser."},
            ),
        ],
        published=False,
    ),
]


@pytest.fixture
def archive(store: SessionFactory) -> Iterator[Session]:
    with store.begin() as session:
        for pieces in ARCHIVE:
            writer.replace(session.connection(), pieces[0].meeting_id, pieces)
    with store() as session:
        yield session


def _items(result: SearchResult) -> set[int | None]:
    return {h.item_id for h in result.hits}


def test_inflected_forms_find_each_other(archive: Session) -> None:
    result = search(archive, "genindlæggelse")
    assert _items(result) == {101, 201}
    assert result.total == len(result.hits) and result.total_exact


def test_compound_found_by_its_head_and_by_itself(archive: Session) -> None:
    assert 201 in _items(search(archive, "færdigbehandling"))
    assert 201 in _items(search(archive, "færdigbehandlingsdage"))


def test_hyphenated_word_found_with_space_and_as_phrase(archive: Session) -> None:
    assert _items(search(archive, "IV behandling")) == {101}
    assert _items(search(archive, '"IV behandling"')) == {101}
    assert _items(search(archive, "IV-behandling")) == {101}


def test_aa_finds_å_in_names(archive: Session) -> None:
    assert 302 in _items(search(archive, "Aabenraa"))
    assert 302 in _items(search(archive, "åbenrå"))


def test_phrase_prefix_and_exclusion(archive: Session) -> None:
    assert _items(search(archive, '"fælles skolebænk"')) == {202}
    assert 102 not in _items(search(archive, '"fælles skolebænk"'))
    assert {101, 201} <= _items(search(archive, "genind*"))
    assert _items(search(archive, "genindlæggelse -sygehuset")) == {101}


def test_filters_and_facets(archive: Session) -> None:
    by_forum = search(archive, "livets afslutning", forum=HORSENS)
    assert _items(by_forum) == {301}
    by_date = search(archive, "genindlæggelse", date_from=dt.date(2020, 1, 1), date_to=dt.date(2021, 12, 31))
    assert _items(by_date) == {201}
    by_section = search(archive, "genindlæggelse", section="minutes")
    assert {h.section for h in by_section.hits} == {"minutes"}
    assert search(archive, "genindlæggelse", person="anne holm").total > 0
    assert search(archive, "genindlæggelse", organisation="Ingen Kommune").total == 0
    facets = search(archive, "livets afslutning").facets
    assert dict(facets["forum"]) == {RANDERS: 1, HORSENS: 2}
    assert dict(facets["year"]) == {"2019": 1, "2022": 2}
    assert dict(facets["section"])["title"] == 2


def test_public_view_hides_unpublished_and_confidential(archive: Session) -> None:
    public = search(archive, "genindlæggelse")
    assert not _items(public) & {401, 501}
    assert all("navngiven" not in h.snippet_html for h in public.hits)
    assert "2023" not in dict(public.facets["year"])
    assert 401 in _items(search(archive, "genindlæggelse", include_confidential=True))
    assert 501 in _items(search(archive, "genindlæggelse", include_unpublished=True))
    with pytest.raises(NotFound):
        related(archive, 401)


def test_ranking_pagination_and_snippets(archive: Session) -> None:
    first = search(archive, "behandling", per_page=2)
    second = search(archive, "behandling", per_page=2, page=2)
    assert first.total == second.total >= 3
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    scores = [h.score for h in first.hits]
    assert scores == sorted(scores, reverse=True)
    hit = search(archive, "færdigbehandlingsdage").hits[0]
    assert any(m for _, m in hit.snippet) and "<mark>" in hit.snippet_html
    as_json = hit.as_json()
    assert {"meeting_id", "item_id", "item_number", "title", "section", "snippet", "date", "forum"} <= set(
        as_json
    )


def test_related_items_come_from_other_meetings(archive: Session) -> None:
    found = related(archive, 102)
    assert found and found[0].item_id == 301
    assert all(r.meeting_id != 1 for r in found)


def _state(session: Session) -> tuple[int, int, int]:
    docs = session.execute(select(func.count()).select_from(search_doc)).scalar_one()
    terms = session.execute(select(func.count()).select_from(search_term)).scalar_one()
    total = session.execute(select(search_term.c.df).where(search_term.c.term == "")).scalar() or 0
    return docs, terms, total


HOSTILE = [
    "",
    '"unbalanced',
    "NEAR(a b)",
    "a:*",
    "x & y | !z",
    "'; DROP TABLE search_doc; --",
    "a" * 10_000,
    "\x00\x01\x1b[31m",
    "(((",
    "-",
    "*",
    "genindlæggelse)",
    '"""',
    "𝔤𝔢𝔫",
    "AND OR NOT",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_bad_queries_give_results_or_a_clear_message_and_change_nothing(archive: Session, query: str) -> None:
    before = _state(archive)
    try:
        result = search(archive, query)
        assert result.total >= 0
    except InputError as exc:
        assert str(exc)
    assert _state(archive) == before


def test_reindex_replaces_and_remove_cleans_term_counts(store: SessionFactory) -> None:
    with store.begin() as session:
        for _ in range(3):
            writer.replace(session.connection(), 1, ARCHIVE[0])
    with store() as session:
        once = _state(session)
        assert once[0] == len(ARCHIVE[0])
        assert search(session, "genindlæggelse").total == 2
    with store.begin() as session:
        writer.remove(session.connection(), 1)
    with store() as session:
        assert _state(session)[0] == 0
        assert session.execute(text("SELECT count(*) FROM search_term WHERE df > 0")).scalar_one() == 0


def test_bad_paging_is_an_input_error(archive: Session) -> None:
    with pytest.raises(InputError):
        search(archive, "borger", page=0)
    with pytest.raises(InputError):
        search(archive, "borger", date_from=dt.date(2024, 1, 1), date_to=dt.date(2020, 1, 1))


PARITY = [
    "genindlæggelse",
    "færdigbehandling",
    "IV behandling",
    '"fælles skolebænk"',
    "genind*",
    "åbenrå",
    "livets afslutning -palliativ",
    "behandling",
    "borger pårørende",
    "sygeplejersker",
    "indsats",
]


def test_sqlite_and_postgresql_return_the_same_hits_in_the_same_order(sqlite_url: str, pg_url: str) -> None:
    results = []
    for url in (sqlite_url, pg_url):
        factory = open_store(url)
        try:
            with factory.begin() as session:
                for pieces in ARCHIVE:
                    writer.replace(session.connection(), pieces[0].meeting_id, pieces)
            with factory() as session:
                results.append(
                    {
                        q: sorted(
                            h.id for h in search(session, q, per_page=100, include_confidential=True).hits
                        )
                        for q in PARITY
                    }
                )
        finally:
            engine_of(factory).dispose()
    assert results[0] == results[1]
    assert all(results[0][q] for q in PARITY)
