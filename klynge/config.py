"""Settings from the environment: where the database lives (`--db`, else `KLYNGE_DB`, else a SQLite
file in the user's data folder), the trusted reverse proxies and the public address of the site."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from klynge.errors import InputError

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def default_sqlite_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "klynge" / "klynge.db"


def database_url(explicit: str | None = None) -> str:
    """The database URL to use. A bare file path is taken as a SQLite file."""
    url = explicit or os.environ.get("KLYNGE_DB")
    if not url:
        return f"sqlite:///{default_sqlite_path()}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def trusted_proxies(value: str | None = None) -> tuple[IPNetwork, ...]:
    """The reverse proxies whose `X-Forwarded-For` is believed: `KLYNGE_TRUSTED_PROXIES`, a comma list
    of addresses or CIDR ranges (e.g. `127.0.0.1, 10.0.0.0/8`). Empty (the default): none, and the
    address of the connection is the client's."""
    text = os.environ.get("KLYNGE_TRUSTED_PROXIES", "") if value is None else value
    nets = []
    for part in text.split(","):
        if part.strip():
            try:
                nets.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                raise InputError(
                    f"KLYNGE_TRUSTED_PROXIES: '{part.strip()[:60]}' er ikke en IP-adresse eller et net (CIDR)"
                ) from None
    return tuple(nets)


def base_url(value: str | None = None) -> str | None:
    """The public address of the site (`KLYNGE_BASE_URL`, e.g. https://klynge.example.dk), used in
    OParl ids and feeds; None when not set (then the server's own address is used, never the Host
    header a client sends)."""
    text = (os.environ.get("KLYNGE_BASE_URL", "") if value is None else value).strip().rstrip("/")
    if not text:
        return None
    if not text.startswith(("http://", "https://")) or "?" in text or "#" in text:
        raise InputError(f"KLYNGE_BASE_URL: '{text[:80]}' skal være en adresse som https://klynge.example.dk")
    return text
