"""The search language, parsed into a safe internal form that each backend compiles itself.

    genindlæggelse                a word: its stem, in the text or as a part of a compound
    "fælles skolebænk"            a phrase: consecutive words
    genindlæg*                    a prefix
    -dialyse  -"akut sygepleje"   leave out hits with this word or phrase
    IV-behandling                 a hyphenated word is the phrase "iv behandling"

Everything else (FTS5 or tsquery operators such as NEAR(, :*, &, ', parentheses, control characters)
is punctuation and is ignored. Only stems of letters and digits ever reach a backend, always quoted,
so no input can change the meaning of the compiled query or the database. A long query is an
`InputError`; one with no words left is `EmptyQuery`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from klynge.errors import InputError
from klynge.index import danish

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 24
MIN_PREFIX = 3
"""Shorter prefixes (a*) would match half the archive; they count as whole words."""


class QueryError(InputError):
    """A search the user must rephrase; the message says how."""


class EmptyQuery(QueryError):
    """No searchable word in the query."""


@dataclass(frozen=True)
class Clause:
    """One condition: a word (one stem) or a phrase (several), maybe a prefix, maybe excluded."""

    terms: tuple[str, ...]
    prefix: bool = False
    negated: bool = False

    @property
    def phrase(self) -> bool:
        return len(self.terms) > 1

    @property
    def grows(self) -> bool:
        """Match the last term as a prefix (explicit `*`)."""
        return self.prefix


@dataclass(frozen=True)
class Query:
    """A parsed query; `positive` are ANDed, `negative` are left out."""

    clauses: tuple[Clause, ...]
    text: str

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    def highlight_terms(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """Stems to mark in snippets, and stem prefixes to mark."""
        exact: set[str] = set()
        prefixes: list[str] = []
        for clause in self.positive:
            exact.update(clause.terms)
            if clause.grows or len(clause.terms[-1]) >= danish.LONG_STEM:
                prefixes.append(clause.terms[-1])
        return frozenset(exact), tuple(prefixes)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_NEGATE = re.compile(r"^[-−–](?=[^\W_])")


def parse(text: str) -> Query:
    """Parse what a user typed. Raises `QueryError` for input that cannot become a search."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"søgningen er for lang ({len(text)} tegn; højst {MAX_QUERY_CHARS})")
    clean = _CONTROL.sub(" ", text).translate(_QUOTES)
    clauses: list[Clause] = []
    for match in _TOKEN.finditer(clean):
        neg_quote, quoted, bare = match.group(1), match.group(2), match.group(3)
        clause = _phrase(quoted, negated=bool(neg_quote)) if quoted is not None else _bare(bare)
        if clause is not None and clause not in clauses:
            clauses.append(clause)
    if len(clauses) > MAX_CLAUSES:
        raise QueryError(f"søgningen har for mange ord ({len(clauses)}; højst {MAX_CLAUSES})")
    if not any(not c.negated for c in clauses):
        if clauses:
            raise EmptyQuery("søgningen skal have mindst ét ord, der ikke er udelukket med -")
        raise EmptyQuery("tom søgning: skriv et eller flere ord")
    return Query(tuple(clauses), text)


def _phrase(text: str, negated: bool) -> Clause | None:
    terms = tuple(danish.stems(text))
    return Clause(terms, negated=negated) if terms else None


def _bare(token: str) -> Clause | None:
    negated = bool(_NEGATE.match(token))
    if negated:
        token = token[1:]
    # "IV-behandling" and "fx." are read word by word; a trailing * applies to the last word.
    terms = danish.stems(token)
    if not terms:
        return None
    prefix = bool(re.search(r"[^\W_]\*+$", token)) and len(terms[-1]) >= MIN_PREFIX
    return Clause(tuple(terms), prefix=prefix, negated=negated)


@dataclass(frozen=True)
class Filters:
    """What a search is limited to. Lists mean "any of"; different filters must all hold.

    The default is the public view: unpublished meetings and confidential items stay hidden.
    """

    forum: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_unpublished: bool = False
    include_confidential: bool = False
    draft_forums: tuple[int, ...] = ()
    """Ids of the forums whose unpublished pieces this view may see anyway (their secretariat)."""
    closed_forums: tuple[int, ...] = ()
    """Ids of the forums whose confidential pieces this view may see anyway (their members).

    By id, never by name: two fora whose names differ only in spacing or punctuation ("Nord klyngen",
    "Nordklyngen") share a name filter key, and a member of one must not see the other's pieces."""

    def key_groups(self) -> list[list[str]]:
        """Filter keys as OR-groups to AND together (matching the keys `sync` writes)."""
        groups: list[list[str]] = []
        for prefix, values in (("_f_", self.forum), ("_o_", self.organisation), ("_p_", self.person)):
            keys = sorted({prefix + danish.slug(v) for v in values if danish.slug(v)})
            if values and not keys:
                keys = [prefix + "_"]  # asked for a value no piece can have: no hits
            if keys:
                groups.append(keys)
        if self.section:
            groups.append(sorted({"_s_" + danish.slug(s) for s in self.section}))
        return groups

    def hidden_keys(self) -> list[str]:
        """Keys of pieces this view must not see."""
        return [key for key, _ in self.hidden()]

    def hidden(self) -> list[tuple[str, list[str]]]:
        """(key of pieces this view must not see, forum keys excepted from that)."""
        out: list[tuple[str, list[str]]] = []
        for flag, key, forums in (
            (self.include_unpublished, HIDDEN_UNPUBLISHED, self.draft_forums),
            (self.include_confidential, HIDDEN_CONFIDENTIAL, self.closed_forums),
        ):
            if not flag:
                out.append((key, sorted({forum_id_key(f) for f in forums})))
        return out

    def may_see(self, published: bool, confidential: bool, forum_id: int | None) -> bool:
        """The same rule as `hidden`, for one piece already read (related items)."""
        return (published or self.include_unpublished or forum_id in self.draft_forums) and (
            not confidential or self.include_confidential or forum_id in self.closed_forums
        )


HIDDEN_UNPUBLISHED = "_v_unpublished"
HIDDEN_CONFIDENTIAL = "_v_confidential"
FORUM_ID = "_fid_"
"""Prefix of the key holding a piece's forum id: what decides visibility for a forum's own people."""


def forum_id_key(forum_id: int) -> str:
    """The key of pieces of the forum with this id ("_fid_12"); no name slug can spell it
    (slugs have no "_", so "_f_" + slug never starts with "_fid_")."""
    return f"{FORUM_ID}{int(forum_id)}"


def forum_id_of(keys: str) -> int | None:
    """The forum id in a piece's `keys` column, None when the piece has no forum."""
    for key in keys.split():
        if key.startswith(FORUM_ID) and key[len(FORUM_ID) :].isdigit():
            return int(key[len(FORUM_ID) :])
    return None


def piece_keys(
    section: str,
    forum: str,
    organisations: list[str],
    persons: list[str],
    year: int | None,
    published: bool,
    confidential: bool,
    forum_id: int | None = None,
) -> list[str]:
    """The filter keys of one piece; `Filters.key_groups` and `Filters.hidden` ask for the same
    spellings. `_f_` + the forum's name slug is for the forum filter a user picks; the forum id
    key (`forum_id_key`) is for visibility.

    Keys contain "_", which no analysed word can (`danish.WORD`), so no query word can match a key.
    """
    keys = ["_s_" + danish.slug(section)]
    if danish.slug(forum):
        keys.append("_f_" + danish.slug(forum))
    if forum_id is not None:
        keys.append(forum_id_key(forum_id))
    keys.extend(sorted({"_o_" + danish.slug(o) for o in organisations if danish.slug(o)}))
    keys.extend(sorted({"_p_" + danish.slug(p) for p in persons if danish.slug(p)}))
    if year:
        keys.append(f"_y_{year}")
    if not published:
        keys.append(HIDDEN_UNPUBLISHED)
    if confidential:
        keys.append(HIDDEN_CONFIDENTIAL)
    return keys
