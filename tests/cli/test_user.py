"""`klynge user …` and `klynge audit`: accounts from the terminal, passwords never on the command line
when a script can pass KLYNGE_PASSWORD."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

import pytest

from klynge.store import accounts
from klynge.store.db import engine_of, open_store

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_user_lifecycle(klynge: Run, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KLYNGE_PASSWORD", "en lang nok adgangskode")
    res = klynge(
        "user",
        "add",
        "Hanne",
        "--role",
        "secretariat",
        "--forum",
        "Nordklyngen",
        "--create-forum",
        db=sqlite_url,
    )
    assert res.returncode == 0, res.stderr
    short = klynge("user", "add", "kurt", "--password", "kort", db=sqlite_url)
    assert short.returncode == 1 and "mindst 10 tegn" in short.stderr
    again = klynge("user", "add", "hanne", db=sqlite_url)
    assert again.returncode == 1 and "findes allerede" in again.stderr
    bad_role = klynge("user", "role", "hanne", "konge", db=sqlite_url)
    assert bad_role.returncode == 1 and "ukendt rolle" in bad_role.stderr
    listed = json.loads(klynge("user", "list", "--json", db=sqlite_url).stdout)
    assert listed == [
        {"username": "hanne", "name": "hanne", "role": "secretariat", "fora": ["Nordklyngen"], "active": True}
    ]
    role = klynge("user", "role", "hanne", "member", "--forum", "Sydklyngen", "--create-forum", db=sqlite_url)
    assert role.returncode == 0, role.stderr
    token = klynge("user", "token", "hanne", "--name", "import", db=sqlite_url).stdout.strip()
    assert token.startswith("klynge_") and len(token) > 40

    factory = open_store(sqlite_url)
    try:
        who = accounts.token_identity(factory, token)
        assert who is not None and who.role == "member"
        _, ident = accounts.login(factory, "hanne", "en lang nok adgangskode")
        assert ident.username == "hanne"
    finally:
        engine_of(factory).dispose()

    assert klynge("user", "remove", "hanne", db=sqlite_url).returncode == 0
    missing = klynge("user", "remove", "hanne", db=sqlite_url)
    assert missing.returncode == 1 and "findes ikke" in missing.stderr
    log = json.loads(klynge("audit", "--json", db=sqlite_url).stdout)
    actions = [r["action"] for r in log]
    assert actions[0] == "user.remove" and {"user.add", "user.role", "token.create", "login"} <= set(actions)


def test_user_add_refuses_a_forum_that_does_not_exist_or_only_looks_like_one(
    klynge: Run, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 22, finding 5: `--forum` never silently creates a forum, least of all a look-alike."""
    monkeypatch.setenv("KLYNGE_PASSWORD", "en lang nok adgangskode")
    made = klynge(
        "user", "add", "a", "--forum", "Klyngestyregruppen Nordklyngen", "--create-forum", db=sqlite_url
    )
    assert made.returncode == 0, made.stderr
    look_alike = klynge("user", "add", "b", "--forum", "Klyngestyregruppen Nord klyngen", db=sqlite_url)
    assert look_alike.returncode == 1 and "'Klyngestyregruppen Nordklyngen'" in look_alike.stderr
    forced = klynge(
        "user", "add", "b", "--forum", "Klyngestyregruppen Nord-klyngen", "--create-forum", db=sqlite_url
    )
    assert forced.returncode == 1 and "'Klyngestyregruppen Nordklyngen'" in forced.stderr
    unknown = klynge("user", "add", "b", "--forum", "Klyngestyregruppen Nordklyngn", db=sqlite_url)
    assert unknown.returncode == 1
    assert "findes ikke" in unknown.stderr and "'Klyngestyregruppen Nordklyngen'" in unknown.stderr
    assert "--create-forum" in unknown.stderr and "Traceback" not in unknown.stderr
    same = klynge("user", "add", "b", "--forum", "klyngestyregruppen  nordklyngen", db=sqlite_url)
    assert same.returncode == 0, same.stderr
    listed = json.loads(klynge("user", "list", "--json", db=sqlite_url).stdout)
    assert {u["username"]: u["fora"] for u in listed} == {
        "a": ["Klyngestyregruppen Nordklyngen"],
        "b": ["Klyngestyregruppen Nordklyngen"],
    }
