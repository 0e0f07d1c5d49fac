"""Accounts, sessions, API tokens, the audit log and the login rate limit.

Passwords are hashed with argon2 (argon2-cffi). Session cookies and API tokens are random 256-bit
strings; the database keeps only their sha256, so a copied database opens no sessions. Failed logins
are audit rows, and the same rows are the rate limit, counted per client address: five failures for
one user name from one address, or twenty for any names from one address, in fifteen minutes lock
that address (for that name, or for all) until the window has passed. Failures from other addresses
never count, so nobody can lock someone else out of their account by guessing wrong on purpose.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from klynge.errors import Conflict, Forbidden, InputError, NotFound
from klynge.store import tables as t
from klynge.store.db import SessionFactory
from klynge.store.names import name_key
from klynge.store.repo import existing_forum

ROLES = ("member", "secretariat", "admin")
ROLE_LABELS = {"member": "Medlem", "secretariat": "Sekretariat", "admin": "Administrator"}
SESSION_HOURS = 12
LOGIN_WINDOW = dt.timedelta(minutes=15)
LOGIN_FAILURES = 5
"""Failed logins for one user name from one address within `LOGIN_WINDOW` that lock that pair."""
ADDRESS_FAILURES = 20
"""Failed logins for any names from one address within `LOGIN_WINDOW` that lock that address."""
MIN_PASSWORD = 10
MIN_DISTINCT = 5
"""Different characters a password must have at least ("aaaaaaaaaa" and "1212121212" are refused)."""

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("ingen-bruger-har-denne-adgangskode")


@dataclass(frozen=True)
class Identity:
    """Who a session or token belongs to: the account and the fora its role applies to."""

    account_id: int
    username: str
    name: str
    role: str
    forum_ids: frozenset[int]
    csrf: str = ""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def audit(
    session: Session,
    actor: str | None,
    action: str,
    target: str | None = None,
    *,
    ok: bool = True,
    ip: str | None = None,
    **detail: object,
) -> None:
    """Add one audit row to the caller's transaction."""
    session.add(t.Audit(actor=actor, action=action, target=target, ok=ok, ip=ip, detail=dict(detail)))


def log(
    factory: SessionFactory, actor: str | None, action: str, target: str | None = None, **kw: object
) -> None:
    """One audit row in a transaction of its own (for writes done elsewhere, e.g. an upload)."""
    with factory.begin() as session:
        audit(session, actor, action, target, **kw)  # type: ignore[arg-type]


def log_closed_download(
    factory: SessionFactory, actor: str | None, what: str, target: str, *, ip: str | None = None, **kw: object
) -> None:
    """Audit a download of closed material by someone allowed to have it (action `download.<what>`):
    the original file of a meeting with closed items, an attachment of a closed item, an export
    that includes closed items. Who, what and from where, in the audit log (`/admin/log`)."""
    log(factory, actor, f"download.{what}", target, ip=ip, **kw)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"ukendt rolle {role!r}; brug en af {', '.join(ROLES)}")


def _check_password(password: str, username: str) -> None:
    """Refuse passwords that are short, made of a few characters, or built on the user name."""
    if len(password) < MIN_PASSWORD:
        raise InputError(f"adgangskoden skal have mindst {MIN_PASSWORD} tegn")
    if len(set(password.casefold())) < MIN_DISTINCT:
        raise InputError(f"adgangskoden skal have mindst {MIN_DISTINCT} forskellige tegn")
    name = username.strip().casefold()
    if len(name) >= 3 and name in password.casefold():
        raise InputError("adgangskoden må ikke indeholde brugernavnet")


def _account(session: Session, username: str) -> t.Account:
    account = session.scalars(
        select(t.Account)
        .where(t.Account.username == username.strip().lower())
        .options(selectinload(t.Account.fora))
    ).first()
    if account is None:
        raise NotFound(f"brugeren {username!r} findes ikke")
    return account


def add_user(
    factory: SessionFactory,
    username: str,
    password: str,
    role: str = "member",
    *,
    name: str = "",
    fora: list[str] | None = None,
    create_fora: bool = True,
    by: str | None = None,
) -> int:
    """A new account; `fora` by name for members and secretariats (see `_account_fora`: a new
    forum only with `create_fora`, a look-alike of an existing one never)."""
    username = username.strip().lower()
    if not username or any(c.isspace() for c in username) or len(username) > 200:
        raise InputError("brugernavnet skal være ét ord uden mellemrum")
    _check_role(role)
    _check_password(password, username)
    with factory.begin() as session:
        if session.scalar(select(t.Account.id).where(t.Account.username == username)) is not None:
            raise Conflict(f"brugeren {username!r} findes allerede")
        account = t.Account(username=username, name=name.strip() or username, role=role, active=True)
        account.password_hash = _hasher.hash(password)
        account.fora = _account_fora(session, fora or [], create_fora)
        session.add(account)
        session.flush()
        audit(session, by, "user.add", username, role=role, fora=[f.name for f in account.fora])
        return account.id


def _account_fora(session: Session, names: list[str], create: bool) -> list[t.Forum]:
    """The fora of these names for an account. A name that differs from an existing forum's only in
    spacing or punctuation is refused, naming that forum: the account would otherwise belong to a
    new look-alike forum and see nothing of the one meant. An unknown name becomes a new forum only
    with `create`; else it is refused with the closest existing names."""
    out: list[t.Forum] = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        forum, look_alike = existing_forum(session, name)
        if forum is None and look_alike is not None:
            raise InputError(
                f"forummet {name!r} findes ikke, men {look_alike.name!r} findes og ligner; "
                "skriv navnet, som det står"
            )
        if forum is None and not create:
            known = list(session.scalars(select(t.Forum.name).order_by(t.Forum.name)))
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
            hint = f"; mente du {' eller '.join(repr(c) for c in close)}?" if close else ""
            raise InputError(f"forummet {name!r} findes ikke{hint} (opret et nyt forum med --create-forum)")
        if forum is None:
            forum = t.Forum(name=name, key=name_key(name))
            session.add(forum)
            session.flush()
        if forum not in out:
            out.append(forum)
    return out


def remove_user(factory: SessionFactory, username: str, *, by: str | None = None) -> None:
    """Delete the account with its sessions and tokens; its audit rows stay."""
    with factory.begin() as session:
        account = _account(session, username)
        session.delete(account)
        audit(session, by, "user.remove", account.username)


def set_role(
    factory: SessionFactory,
    username: str,
    role: str,
    *,
    fora: list[str] | None = None,
    create_fora: bool = True,
    by: str | None = None,
) -> None:
    """Change the role (and, when given, the fora, as for `add_user`); the user's sessions end, so
    the change holds at once."""
    _check_role(role)
    with factory.begin() as session:
        account = _account(session, username)
        before = {"role": account.role, "fora": [f.name for f in account.fora]}
        account.role = role
        if fora is not None:
            account.fora = _account_fora(session, fora, create_fora)
        session.execute(delete(t.AccountSession).where(t.AccountSession.account_id == account.id))
        audit(
            session,
            by,
            "user.role",
            account.username,
            before=before,
            role=role,
            fora=[f.name for f in account.fora],
        )


def set_password(factory: SessionFactory, username: str, password: str, *, by: str | None = None) -> None:
    """A new password; every session and API token of the user ends (whoever knew the old password
    may have made them)."""
    _check_password(password, username)
    with factory.begin() as session:
        account = _account(session, username)
        account.password_hash = _hasher.hash(password)
        session.execute(delete(t.AccountSession).where(t.AccountSession.account_id == account.id))
        tokens = session.scalars(
            delete(t.ApiToken).where(t.ApiToken.account_id == account.id).returning(t.ApiToken.id)
        ).all()
        audit(session, by, "user.password", account.username, tokens_deleted=len(tokens))


def list_users(factory: SessionFactory) -> list[t.Account]:
    with factory() as session:
        return list(
            session.scalars(
                select(t.Account).options(selectinload(t.Account.fora)).order_by(t.Account.username)
            )
        )


def has_accounts(factory: SessionFactory) -> bool:
    with factory() as session:
        return session.scalar(select(t.Account.id).limit(1)) is not None


def _identity(account: t.Account, csrf: str = "") -> Identity:
    return Identity(
        account.id, account.username, account.name, account.role, frozenset(f.id for f in account.fora), csrf
    )


def _locked(session: Session, username: str, ip: str | None) -> bool:
    """Too many recent failures from this address, for this name or for any names.

    Only the asking address's own failures count: the right password from another address is never
    refused because of them. Without an address (the terminal) the failures without one count."""
    since = t.utcnow() - LOGIN_WINDOW
    here = t.Audit.ip == ip if ip else t.Audit.ip.is_(None)
    for_name = func.count(t.Audit.id).filter(t.Audit.target == username)
    row = session.execute(
        select(func.count(t.Audit.id), for_name).where(
            t.Audit.action == "login", t.Audit.ok.is_(False), t.Audit.at >= since, here
        )
    ).one()
    from_here, for_name_here = row
    return (for_name_here or 0) >= LOGIN_FAILURES or (from_here or 0) >= ADDRESS_FAILURES


def login(
    factory: SessionFactory, username: str, password: str, *, ip: str | None = None
) -> tuple[str, Identity]:
    """Check the password and open a session; returns (cookie token, identity).

    Raises `Forbidden` with one message for an unknown name and a wrong password alike, and while this
    address is locked by too many failures (see `_locked`).
    """
    username = username.strip().lower()
    refusal: str | None = None
    with factory.begin() as session:
        if _locked(session, username, ip):
            refusal = "for mange mislykkede login; prøv igen om 15 minutter"
        else:
            account = session.scalars(
                select(t.Account).where(t.Account.username == username).options(selectinload(t.Account.fora))
            ).first()
            try:
                _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
                good = account is not None and account.active
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                good = False
            if not good or account is None:
                refusal = "forkert brugernavn eller adgangskode"
            else:
                if _hasher.check_needs_rehash(account.password_hash):
                    account.password_hash = _hasher.hash(password)
                token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
                session.add(
                    t.AccountSession(
                        token_hash=digest(token),
                        account_id=account.id,
                        csrf=csrf,
                        expires_at=t.utcnow() + dt.timedelta(hours=SESSION_HOURS),
                    )
                )
                session.execute(delete(t.AccountSession).where(t.AccountSession.expires_at < t.utcnow()))
                audit(session, username, "login", username, ip=ip)
                return token, _identity(account, csrf)
    with factory.begin() as session:  # the refusal is recorded: it is what the rate limit counts
        audit(session, username, "login", username, ok=False, ip=ip, reason=refusal)
    raise Forbidden(refusal)


def session_identity(factory: SessionFactory, token: str) -> Identity | None:
    """The identity of a session cookie, or None (unknown, expired, or the account is gone or inactive)."""
    with factory() as session:
        row = session.execute(
            select(t.AccountSession, t.Account)
            .join(t.Account, t.Account.id == t.AccountSession.account_id)
            .where(t.AccountSession.token_hash == digest(token))
        ).first()
        if row is None:
            return None
        sess, account = row
        if sess.expires_at < t.utcnow() or not account.active:
            return None
        return _identity(account, sess.csrf)


def logout(factory: SessionFactory, token: str, *, ip: str | None = None) -> None:
    with factory.begin() as session:
        sess = session.scalars(
            select(t.AccountSession).where(t.AccountSession.token_hash == digest(token))
        ).first()
        if sess is not None:
            account = session.get(t.Account, sess.account_id)
            session.delete(sess)
            audit(session, account.username if account else None, "logout", ip=ip)


def create_token(factory: SessionFactory, username: str, name: str = "", *, by: str | None = None) -> str:
    """A new API token for the user; the token itself is returned once and never stored."""
    token = "klynge_" + secrets.token_urlsafe(32)
    with factory.begin() as session:
        account = _account(session, username)
        session.add(t.ApiToken(account_id=account.id, name=name, token_hash=digest(token)))
        audit(session, by, "token.create", account.username, name=name)
    return token


def revoke_token(factory: SessionFactory, token_id: int, *, by: str | None = None) -> None:
    with factory.begin() as session:
        row = session.get(t.ApiToken, token_id)
        if row is None:
            raise NotFound(f"token {token_id} findes ikke")
        row.revoked = True
        audit(session, by, "token.revoke", str(token_id))


def token_identity(factory: SessionFactory, token: str) -> Identity | None:
    with factory.begin() as session:
        row = session.scalars(
            select(t.ApiToken).where(t.ApiToken.token_hash == digest(token), t.ApiToken.revoked.is_(False))
        ).first()
        if row is None:
            return None
        account = session.scalars(
            select(t.Account).where(t.Account.id == row.account_id).options(selectinload(t.Account.fora))
        ).first()
        if account is None or not account.active:
            return None
        row.last_used_at = t.utcnow()
        return _identity(account)


def audit_rows(factory: SessionFactory, *, limit: int = 200, offset: int = 0) -> list[t.Audit]:
    with factory() as session:
        return list(session.scalars(select(t.Audit).order_by(t.Audit.id.desc()).limit(limit).offset(offset)))
