"""Klynge's exceptions. Messages are one Danish line that names the thing.

    KlyngeError
    ├── InputError              bad input from a user; nothing is stored
    │   ├── UnsupportedFormat   not a PDF, DOCX, Markdown, HTML or text file
    │   ├── UnreadableDocument  damaged, encrypted, too large, or not what its name says
    │   ├── EmptyDocument       no text (e.g. a scanned PDF without a text layer)
    │   ├── NoAgenda            text, but no recognisable meeting or agenda
    │   └── TooLarge            an upload over the limits
    ├── NotFound                no such meeting, item, action ...
    ├── Forbidden               the user may not see or do this
    ├── Conflict                not now: e.g. editing a published meeting
    └── StoreError              the database refused or is not set up

Only the edges (CLI, web) catch these; the CLI prints `fejl: <message>` and exits 1.
"""

from __future__ import annotations


class KlyngeError(Exception):
    """Base of every error Klynge raises on purpose."""

    exit_code = 1
    http_status = 500


class InputError(KlyngeError):
    http_status = 422


class UnsupportedFormat(InputError):
    pass


class UnreadableDocument(InputError):
    pass


class EmptyDocument(InputError):
    pass


class NoAgenda(InputError):
    pass


class TooLarge(InputError):
    http_status = 413


class NotFound(KlyngeError):
    http_status = 404


class Forbidden(KlyngeError):
    http_status = 403


class Conflict(KlyngeError):
    http_status = 409


class StoreError(KlyngeError):
    http_status = 500
