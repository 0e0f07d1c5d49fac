"""Danish analysis: the same stems for inflections, folded accents, æøå kept, compounds split."""

from __future__ import annotations

from klynge.index import danish


def test_inflections_share_a_stem() -> None:
    forms = ["genindlæggelse", "genindlæggelser", "genindlæggelserne", "Genindlæggelsen"]
    assert len({danish.analyse_word(f) for f in forms}) == 1


def test_case_and_accents_fold_but_danish_letters_stay() -> None:
    assert danish.normalise("CAFÉ") == "cafe"
    assert danish.normalise("Ærø") == "ærø"
    assert danish.normalise("Åbenrå") == "åbenrå"
    assert danish.normalise("Aabenraa") == danish.normalise("Åbenrå")
    assert danish.normalise("ø") != danish.normalise("o")


def test_hyphen_and_punctuation_separate_words() -> None:
    assert danish.stems("IV-behandling") == danish.stems("IV behandling") == ["iv", "behandling"]


def test_overlong_runs_are_no_words() -> None:
    assert danish.stems("x" * 200 + " borger") == [danish.analyse_word("borger")]


def test_compound_split_with_linking_s() -> None:
    known = {danish.analyse_word(w) for w in ["færdig", "behandling", "dage"]}
    parts = danish.split_compound("færdigbehandlingsdage", known.__contains__)
    assert parts is not None and len(parts) == 3
    terms = danish.compound_terms(parts)
    assert danish.analyse_word("færdigbehandling") in terms
    assert danish.analyse_word("behandling") in terms


def test_no_split_without_known_parts() -> None:
    assert danish.split_compound("færdigbehandlingsdage", lambda s: False) is None
    assert danish.split_compound("kort", lambda s: True) is None


def test_analyse_puts_parts_apart_from_stems() -> None:
    known = {danish.analyse_word(w) for w in ["kræft", "behandling"]}
    result = danish.analyse("Kræftbehandlingen i regionen", known.__contains__)
    assert result.stems == danish.stems("Kræftbehandlingen i regionen")
    assert "behandling" in result.parts and "kræft" in result.parts


def test_slug_ignores_case_spacing_and_accents() -> None:
    assert danish.slug("Region  Midtjylland") == danish.slug("region midtjylland") == "regionmidtjylland"


def test_part_candidates_hold_every_stem_a_split_asks_about() -> None:
    # The writer asks the vocabulary about part_candidates(word) only: every stem split_compound
    # looks up must be among them, whatever the vocabulary knows.
    for word in ["færdigbehandlingsdage", "sundhedsklyngestyregruppen", "genindlæggelsesforløb", "rygestop"]:
        substrings = {danish.stem(word[i:j]) for i in range(len(word)) for j in range(i + 3, len(word) + 1)}
        for known in (substrings, set(sorted(substrings)[::2]), set(sorted(substrings)[1::3])):
            asked: set[str] = set()

            def lookup(stem: str, known: set[str] = known, asked: set[str] = asked) -> bool:
                asked.add(stem)
                return stem in known

            danish.split_compound(word, lookup)
            assert asked and asked <= danish.part_candidates(word), word
