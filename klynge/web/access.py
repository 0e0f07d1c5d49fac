"""Who is asking, and what may they see and do: the one place the security work will change.

Until accounts exist (the security issue) every visitor is the anonymous public viewer, who sees
only published meetings and no confidential items or attachments. Writing (upload, status changes)
is allowed only when the server listens on a loopback address, so nobody on the network can write.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from fastapi import Request

from klynge.errors import Forbidden


@dataclass(frozen=True)
class Viewer:
    """The person behind a request; `sees_confidential` shows closed items and unpublished meetings."""

    name: str = "offentlig"
    sees_confidential: bool = False
    may_write: bool = False


PUBLIC = Viewer()


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def viewer(request: Request) -> Viewer:
    """The viewer of this request: for now the public, who may write only on a loopback-only server."""
    writable = bool(getattr(request.app.state, "writable", False))
    return Viewer(name="lokal bruger" if writable else PUBLIC.name, may_write=writable)


def require_writer(request: Request) -> Viewer:
    """FastAPI dependency for every writing route: raises `Forbidden` unless the viewer may write."""
    who = viewer(request)
    if not who.may_write:
        raise Forbidden("ændringer kræver login; serveren lytter ikke kun på 127.0.0.1")
    return who
