"""Every API error as JSON of one shape: {"code", "status", "message", "errors"}."""

from http import HTTPStatus

from flask import jsonify
from werkzeug.exceptions import HTTPException

from reuse.errors import (
    Conflict,
    ImportRejected,
    InvalidCode,
    NotFound,
    PermissionDenied,
    ReuseError,
    ValidationFailed,
)

#: Domain error -> HTTP status, most specific first.
STATUS = [
    (ImportRejected, 422),
    (ValidationFailed, 422),
    (InvalidCode, 422),
    (NotFound, 404),
    (PermissionDenied, 403),
    (Conflict, 409),
    (ReuseError, 422),
]


def payload(status: int, message: str, errors=None):
    """The JSON response for an error."""
    body = {
        "code": status,
        "status": HTTPStatus(status).phrase,
        "message": message,
        "errors": errors if errors is not None else {},
    }
    return jsonify(body), status


def _by_field(by_location: dict) -> dict:
    """{field: [messages]} from webargs' {location: {field: [messages]}}; a message about a
    whole body (not JSON at all, say) is filed under "_body"."""
    fields: dict = {}
    for part in by_location.values():
        if isinstance(part, dict):
            fields.update(part)
        else:
            fields.setdefault("_body", []).extend(part if isinstance(part, list) else [part])
    return fields


def answer(error: Exception):
    """The JSON answer for a domain or HTTP error raised under /api/."""
    if isinstance(error, ReuseError):
        status = next(code for kind, code in STATUS if isinstance(error, kind))
        if isinstance(error, ImportRejected):
            rows = [{"row": e.row, "column": e.column, "message": e.message} for e in error.errors]
            return payload(status, error.message, rows)
        if isinstance(error, ValidationFailed):
            return payload(status, error.message, error.errors)
        errors = {error.field: [error.message]} if error.field else {}
        return payload(status, error.message, errors)
    if isinstance(error, HTTPException):
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or data.get("messages") or {}
        # webargs nests errors by location ({"json": {...}}); people want the fields.
        if isinstance(errors, dict) and set(errors) <= {
            "json",
            "query",
            "form",
            "files",
            "headers",
            "view_args",
        }:
            errors = _by_field(errors)
        response, status = payload(
            error.code or 500, data.get("message") or error.description, errors
        )
        for name, value in (data.get("headers") or {}).items():
            response.headers[name] = value
        if error.code == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="reuse"'
        return response, status
    raise error
