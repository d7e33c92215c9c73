"""Validate recorded REST request bodies against Discord's OpenAPI 3.1 spec.

The spec lives beside the repository at ``<repo>/../shared/discord-openapi.json``.
When it is absent, :data:`OPENAPI_AVAILABLE` is ``False`` and
:func:`validate_request` does nothing (only this check is skipped).

Each request is matched to a spec path template (literal segments win over
``{param}`` segments, so ``/messages/@original`` beats ``/messages/{message_id}``)
and its body is validated with Draft 2020-12 against the operation's
``requestBody`` schema: the ``multipart/form-data`` variant for multipart
requests (against the parsed ``payload_json``), ``application/json`` otherwise.
The whole spec is registered once per process as one ``referencing`` resource,
and compiled validators are cached per operation.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .records import RecordedRequest

SPEC_PATH: Path = Path(__file__).resolve().parents[2] / ".." / "shared" / "discord-openapi.json"
OPENAPI_AVAILABLE: bool = SPEC_PATH.is_file()

_SPEC_URI = "urn:discord-openapi"
_PARAM = re.compile(r"\{[^/}]+\}")


def _patch_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Narrow, documented corrections where the preview spec disagrees with Discord's docs.

    Every change is keyed to one named schema; nothing is switched off wholesale.
    See :data:`SPEC_QUIRKS`.
    """
    schemas = spec["components"]["schemas"]
    # 1. A bot's message content is limited to 2000 characters (Discord docs, Create/Edit Message);
    #    the spec allows 4000 (the Nitro limit for users), which would hide a real 50035 error.
    for name in ("MessageCreateRequest", "MessageEditRequestPartial"):
        content = schemas[name]["properties"]["content"]
        if content.get("maxLength") == 4000:
            content["maxLength"] = 2000
    # 2. Snowflakes in request bodies may be JSON integers as well as strings: Discord parses both
    #    (discord.py sends ints, e.g. message_reference.message_id, allowed_mentions.users), and new
    #    uploads are referenced by the integer index of their files[n] part
    #    (``"attachments": [{"id": 0}]``, Discord docs "Uploading Files"). The spec's SnowflakeType
    #    is string-only. Strings must still match the snowflake pattern.
    snowflake = schemas["SnowflakeType"]
    schemas["SnowflakeType"] = {"anyOf": [snowflake, {"type": "integer", "minimum": 0, "maximum": 2**64 - 1}]}
    return spec


SPEC_QUIRKS: tuple[str, ...] = (
    "MessageCreateRequest/MessageEditRequestPartial.content: spec maxLength 4000; Discord's limit for"
    " bots is 2000 -> tightened to 2000.",
    "SnowflakeType: spec says string; Discord accepts integer snowflakes in request bodies (discord.py"
    " sends ints in message_reference, allowed_mentions; attachments[].id is the files[n] index for new"
    " uploads) -> non-negative 64-bit integers also accepted.",
)
"""Human-readable notes on places where the spec and Discord disagree (applied by ``_patch_spec``)."""


@functools.lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Any], Registry[Any], list[tuple[re.Pattern[str], str, int]]]:
    spec = _patch_spec(json.loads(SPEC_PATH.read_text(encoding="utf-8")))
    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
    routes: list[tuple[re.Pattern[str], str, int]] = []
    for template in spec["paths"]:
        literal = "".join(
            re.escape(part) if not _PARAM.fullmatch(part) else "[^/]+"
            for part in re.split(r"(\{[^/}]+\})", template)
        )
        routes.append((re.compile(f"^{literal}$"), template, len(_PARAM.findall(template))))
    # Fewer parameters first, so literal segments (@me, @original) win.
    routes.sort(key=lambda r: (r[2], -len(r[1])))
    return spec, registry, routes


def match_path(route: str) -> str | None:
    """The spec path template for an API path relative to ``/api/v10``, if any."""
    _, _, routes = _load()
    for pattern, template, _ in routes:
        if pattern.match(route):
            return template
    return None


def _pointer(*parts: str) -> str:
    escaped = (p.replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(quote(p, safe="~@") for p in escaped)


@functools.cache
def _validator(template: str, method: str, media_type: str) -> Draft202012Validator | None:
    spec, registry, _ = _load()
    body = spec["paths"][template][method].get("requestBody")
    if body is None or media_type not in body.get("content", {}):
        return None
    ref = _SPEC_URI + _pointer("paths", template, method, "requestBody", "content", media_type, "schema")
    validator = Draft202012Validator({"$ref": ref}, registry=registry)
    return validator


def _describe(error: ValidationError) -> str:
    instance = json.dumps(error.instance, default=str)
    if len(instance) > 200:
        instance = instance[:200] + "..."
    return f"at {error.json_path}: {error.message[:300]}\n    (value: {instance})"


def _branch_errors(error: ValidationError, instance: Any) -> list[ValidationError]:
    """For an anyOf/oneOf failure, the errors of the branch the body was aiming at.

    Discord unions are discriminated by ``type``: prefer the branch that has no
    error about the ``type`` key itself; else fall back to jsonschema's choice.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    by_branch: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    candidates = [
        errs
        for errs in by_branch.values()
        if not any(list(e.relative_path)[:1] == ["type"] or "'type'" in e.message for e in errs)
    ]
    if len(candidates) == 1:
        out: list[ValidationError] = []
        for sub in candidates[0]:
            out.extend(_branch_errors(sub, sub.instance))
        return out
    from jsonschema.exceptions import best_match

    best = best_match([error])
    return [best] if best is not None else [error]


def validate_body(method: str, route: str, body: Any, *, multipart: bool = False) -> None:
    """Validate one body for ``method`` ``route`` (relative to ``/api/v10``).

    Raises ``AssertionError`` with a readable message on failure.
    """
    if not OPENAPI_AVAILABLE:
        return
    method = method.lower()
    template = match_path(route)
    if template is None:
        raise AssertionError(f"{method.upper()} {route}: no such path in Discord's OpenAPI spec")
    spec, _, _ = _load()
    operation = spec["paths"][template].get(method)
    if operation is None:
        raise AssertionError(f"{method.upper()} {template}: method not in Discord's OpenAPI spec")
    request_body = operation.get("requestBody")
    if request_body is None:
        if body is not None:
            raise AssertionError(f"{method.upper()} {template} takes no body, got {json.dumps(body)[:200]}")
        return
    if body is None:
        if request_body.get("required"):
            raise AssertionError(f"{method.upper()} {template}: request body is required")
        return
    media_types = ["multipart/form-data", "application/json"] if multipart else ["application/json"]
    validator = next(
        (v for v in (_validator(template, method, mt) for mt in media_types) if v is not None), None
    )
    if validator is None:
        raise AssertionError(f"{method.upper()} {template}: spec has no schema for {media_types[0]}")
    errors = sorted(validator.iter_errors(copy.deepcopy(body)), key=lambda e: list(e.path))
    if not errors:
        return
    details: list[str] = []
    for error in errors:
        details.extend(_describe(e) for e in _branch_errors(error, body))
    raise AssertionError(
        f"{method.upper()} {route} (spec: {template}) body does not match Discord's OpenAPI schema:\n  "
        + "\n  ".join(details[:10])
        + f"\n  body: {json.dumps(body, default=str)[:1500]}"
    )


def validate_request(recorded: RecordedRequest) -> None:
    """Validate a recorded request's body against the spec (no-op without the spec).

    Non-API requests (the fake CDN serving attachments) are ignored.
    Raises ``AssertionError`` with a readable message when the body is invalid
    or the endpoint is not part of Discord's API.
    """
    if not OPENAPI_AVAILABLE or not recorded.is_api:
        return
    validate_body(recorded.method, recorded.route, recorded.json, multipart=recorded.is_multipart)
