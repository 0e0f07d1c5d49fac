"""No look-alike fora (issue 22, finding 5): a forum whose name differs from an existing one only in
spacing or punctuation is never created, neither for an account nor by an upload or the editor."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from builders import written_meeting
from sqlalchemy import func, select

from klynge.errors import InputError
from klynge.interchange import from_interchange
from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory
from klynge.store.repo import ingest_meeting

FORUM = "Klyngestyregruppen Nordklyngen"
LOOK_ALIKES = (
    "Klyngestyregruppen Nord klyngen",
    "Klyngestyregruppen Nord-klyngen",
    "KlyngestyregruppenNordklyngen",
)
PASSWORD = "en lang adgangskode"


def _fora(store: SessionFactory) -> list[str]:
    with store() as s:
        return list(s.scalars(select(t.Forum.name).order_by(t.Forum.id)))


def test_accounts_refuse_look_alike_and_unknown_fora(store: SessionFactory) -> None:
    accounts.add_user(store, "a", PASSWORD, "member", fora=[FORUM])
    for name in LOOK_ALIKES:
        for create in (False, True):
            with pytest.raises(InputError, match=f"'{FORUM}'"):
                accounts.add_user(store, "b", PASSWORD, "member", fora=[name], create_fora=create)
            with pytest.raises(InputError, match=f"'{FORUM}'"):
                accounts.set_role(store, "a", "secretariat", fora=[name], create_fora=create)
    with pytest.raises(InputError, match=r"findes ikke.*--create-forum"):
        accounts.add_user(store, "b", PASSWORD, "member", fora=["Sydklyngen"], create_fora=False)
    assert _fora(store) == [FORUM]
    accounts.add_user(store, "b", PASSWORD, "member", fora=["Sydklyngen"], create_fora=True)
    accounts.add_user(
        store, "c", PASSWORD, "member", fora=["klyngestyregruppen nordklyngen"], create_fora=False
    )
    assert _fora(store) == [FORUM, "Sydklyngen"]
    users = {u.username: [f.name for f in u.fora] for u in accounts.list_users(store)}
    assert users == {"a": [FORUM], "b": ["Sydklyngen"], "c": [FORUM]}


def test_meetings_of_a_look_alike_name_join_the_existing_forum(
    store: SessionFactory, sample: Callable[..., tuple[bytes, object]]
) -> None:
    data, meeting = sample(name="nord.txt", forum=FORUM)
    first = ingest_meeting(store, data, "nord.txt", meeting, published=True)  # type: ignore[arg-type]
    data, meeting = sample(name="nord2.txt", forum=LOOK_ALIKES[0], secret="Andet emne")
    upload = ingest_meeting(store, data, "nord2.txt", meeting, published=False)  # type: ignore[arg-type]
    written = written_meeting()
    written["meeting"]["forum"] = LOOK_ALIKES[1]
    created = lifecycle.create_meeting(
        store, lifecycle.prepared(from_interchange(written), keep_actions=True), by="x"
    )
    lifecycle.update_meeting(store, created, {"forum": LOOK_ALIKES[2]}, by="x")
    assert _fora(store) == [FORUM]
    with store() as s:
        forum_ids = set(
            s.scalars(
                select(t.Meeting.forum_id).where(
                    t.Meeting.id.in_([first.meeting_id, upload.meeting_id, created])
                )
            )
        )
        assert len(forum_ids) == 1
        assert s.scalar(select(func.count()).select_from(t.Forum)) == 1
