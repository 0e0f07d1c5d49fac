"""Validate OParl responses against the spec's own schemas (tests/web/oparl_schemas, CC BY-SA 4.0).

The schemas write references as `"schema": "X.json"` and use `format: url`; here references become
`$ref`s resolved from the same folder, and `url`, `date` and `date-time` get strict format checks.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "oparl_schemas"


def adapt(node: Any) -> Any:
    """A copy of a schema node with `"schema": "X.json"` turned into `"$ref": "X.json"`."""
    if isinstance(node, dict):
        out = {k: adapt(v) for k, v in node.items() if k not in ("schema", "references", "backreference")}
        if isinstance(node.get("schema"), str):
            out["$ref"] = node["schema"]
        return out
    if isinstance(node, list):
        return [adapt(v) for v in node]
    return node


FORMATS = FormatChecker()


@FORMATS.checks("url")  # type: ignore[untyped-decorator]
def _is_url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)  # type: ignore[untyped-decorator]
def _is_datetime(value: object) -> bool:
    if isinstance(value, str):
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError(f"{value}: tidszone mangler")
    return True


@FORMATS.checks("date", raises=ValueError)  # type: ignore[untyped-decorator]
def _is_date(value: object) -> bool:
    if isinstance(value, str):
        dt.date.fromisoformat(value)
    return True


@cache
def registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = adapt(json.loads(path.read_text(encoding="utf-8")))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def validator(kind: str) -> Draft202012Validator:
    """A validator for one OParl object type, e.g. 'Meeting'."""
    schema = registry().contents(f"{kind}.json")
    return Draft202012Validator(schema, registry=registry(), format_checker=FORMATS)


def errors(kind: str, obj: dict[str, Any]) -> list[str]:
    """Schema violations of `obj` as readable lines (empty when valid)."""
    return [
        f"{kind} {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(obj)
    ]
