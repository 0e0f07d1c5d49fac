"""`klynge search` and `klynge related` as a user runs them: KLYNGE_DB or --db, JSON shape, clear errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from klynge import model
from klynge.store.db import engine_of, open_store
from klynge.store.repo import ingest_meeting

Run = Callable[..., subprocess.CompletedProcess[str]]


def _archive(url: str) -> None:
    factory = open_store(url)
    try:
        for n, (forum, year) in enumerate([("Randersklyngen", 2020), ("Horsensklyngen", 2023)]):
            item = model.Item(
                "3",
                "Genindlæggelser af ældre",
                sections=(
                    model.Section(
                        model.SectionKind.DECISION,
                        "Beslutning",
                        f"Styregruppen godkendte <b>planen</b> for genindlæggelserne i {forum}.",
                    ),
                ),
            )
            meeting = model.Meeting(
                document=model.Document(name=f"r{n}.md", format="markdown", text=f"r{n}", blocks=()),
                meeting=model.MeetingInfo(forum=forum, date=dt.date(year, 5, 4)),
                items=(item,),
            )
            ingest_meeting(factory, f"r{n}".encode(), f"r{n}.md", meeting)
    finally:
        engine_of(factory).dispose()


def test_search_json_with_filters(sqlite_url: str, klynge: Run) -> None:
    _archive(sqlite_url)
    done = klynge("search", "genindlæggelse", "--forum", "Randersklyngen", "--json", db=sqlite_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == len(data["hits"]) == 2
    hit = data["hits"][0]
    assert {"meeting_id", "item_id", "item_number", "title", "section", "snippet", "date", "forum"} <= set(
        hit
    )
    assert {h["forum"] for h in data["hits"]} == {"Randersklyngen"}
    decision = next(h for h in data["hits"] if h["section"] == "decision")
    assert "<mark>genindlæggelserne</mark>" in decision["snippet"] and "&lt;b&gt;" in decision["snippet"]
    later = klynge("search", "genindlæggelse", "--from", "2021-01-01", "--json", "--db", sqlite_url)
    assert {h["forum"] for h in json.loads(later.stdout)["hits"]} == {"Horsensklyngen"}


def test_text_output_and_related(sqlite_url: str, klynge: Run) -> None:
    _archive(sqlite_url)
    done = klynge("search", "genindlæggelse", db=sqlite_url)
    assert done.returncode == 0 and "4 hits" in done.stdout
    item_id = json.loads(klynge("search", "planen", "--json", db=sqlite_url).stdout)["hits"][0]["item_id"]
    rel = klynge("related", str(item_id), "--json", db=sqlite_url)
    assert rel.returncode == 0, rel.stderr
    assert len(json.loads(rel.stdout)["related"]) == 1


def test_bad_query_and_unknown_item_are_one_line_errors(sqlite_url: str, klynge: Run) -> None:
    _archive(sqlite_url)
    for args in (
        ["search", "&&"],
        ["search", "x" * 5000],
        ["search", "a", "--from", "maj"],
        ["related", "999"],
    ):
        done = klynge(*args, db=sqlite_url)
        assert done.returncode == 1
        assert done.stderr.startswith("fejl: ") and done.stderr.count("\n") == 1, done.stderr


def test_reindex_rebuilds_the_same_index(
    tmp_path: Path, sqlite_url: str, klynge: Run, minutes_text: Callable[..., str]
) -> None:
    from sqlalchemy import text as sql

    folder = tmp_path / "referater"
    folder.mkdir()
    for day in (3, 10):
        path = folder / f"referat-{day}.txt"
        path.write_text(minutes_text("Styregruppen for Nordklyngen", dt.date(2024, 3, day)), encoding="utf-8")
    assert klynge("ingest", folder, db=sqlite_url).returncode == 0
    before = json.loads(klynge("search", "akutteam", "--json", db=sqlite_url).stdout)
    factory = open_store(sqlite_url)
    with factory.begin() as s:  # a damaged index: half of it gone
        s.execute(sql("DELETE FROM search_doc WHERE id IN (SELECT id FROM search_doc LIMIT 5)"))
    engine_of(factory).dispose()
    res = klynge("reindex", db=sqlite_url)
    assert res.returncode == 0 and "2 møder" in res.stdout, res.stderr
    after = json.loads(klynge("search", "akutteam", "--json", db=sqlite_url).stdout)
    assert after["total"] == before["total"] >= 2
    assert [h["item_id"] for h in after["hits"]] == [h["item_id"] for h in before["hits"]]
