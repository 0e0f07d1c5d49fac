"""The query language: words, phrases, prefixes, exclusions; hostile input never reaches a backend raw."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klynge.errors import InputError
from klynge.index import fts5, tsvector
from klynge.index.query import EmptyQuery, Filters, QueryError, parse


def test_words_phrases_prefix_and_exclusion() -> None:
    q = parse('genindlæggelse "fælles skolebænk" genindl* -dialyse -"akut sygepleje"')
    terms = [(c.terms, c.prefix, c.negated) for c in q.clauses]
    assert (("genindlæg",), False, False) in terms
    assert any(len(t) == 2 and not neg for t, _, neg in terms)
    assert any(p for _, p, _ in terms)
    assert len(q.negative) == 2


def test_hyphenated_word_is_a_phrase() -> None:
    (clause,) = parse("IV-behandling").clauses
    assert clause.terms == ("iv", "behandling") and clause.phrase


def test_unbalanced_quote_is_a_phrase_to_the_end() -> None:
    (clause,) = parse('"fælles skolebænk').clauses
    assert clause.phrase


@pytest.mark.parametrize("text", ["", "   ", "&&", ":*", "'", "\x00\x07", "-dialyse", '""'])
def test_nothing_to_search_is_a_clear_input_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse(text)
    assert isinstance(info.value, EmptyQuery) or text == "-dialyse"
    assert str(info.value)


def test_overlong_query_is_refused_with_a_message() -> None:
    with pytest.raises(QueryError, match="for lang"):
        parse("genindlæggelse " * 700)


def test_operators_are_plain_words_or_punctuation() -> None:
    q = parse("a NEAR( b :* & c ' OR d")
    assert all(re.fullmatch(r"[^\W_]+", t) for c in q.clauses for t in c.terms)


_FTS = sqlite3.connect(":memory:")
_FTS.execute(fts5.CREATE.replace("content='search_doc', content_rowid='id', ", ""))
_FTS.execute(
    "INSERT INTO search_fts(stems, parts, keys) VALUES ('genindlæg borger', 'behandling', 'ksdecision')"
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(max_size=20), max_size=2))
def test_fuzz_any_text_parses_or_fails_cleanly_and_compiles_to_valid_fts5(
    text: str, forums: list[str]
) -> None:
    try:
        q = parse(text)
    except QueryError:
        return
    match = fts5.compile(q, Filters(forum=tuple(forums)))
    _FTS.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (match,)).fetchall()
    literal = tsvector.compile(q, Filters(forum=tuple(forums)))
    assert "\x00" not in literal
    for clause in q.clauses:
        for term in clause.terms:
            assert re.fullmatch(r"[^\W_]+", term)
