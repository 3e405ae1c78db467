"""Small helpers shared by the API's resources."""

from flask import request
from flask_smorest import abort

from reuse.errors import NotFound
from reuse.extensions import db


def get_or_404(model, ident: int, what: str):
    """The row with this id, or a 404 naming what was asked."""
    obj = db.session.get(model, ident)
    if obj is None:
        raise NotFound(f"no {what} with id {ident}", field="id")
    return obj


#: Methods that change nothing: their reads need no transaction.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def read_without_transaction() -> None:
    """On PostgreSQL, let a request that changes nothing run each statement on its own: no BEGIN
    and ROLLBACK round trips (a device read is one statement, consistent by itself). SQLite has
    no round trips, and its driver's autocommit switch would undo our transaction set-up."""
    if request.method in SAFE_METHODS and db.engine.dialect.name == "postgresql":
        db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def refuse_unread_bodies() -> None:
    """Refuse, with 415, a body the API would not read: JSON sent without its Content-Type
    would otherwise be taken for an empty change and answered 200."""
    if request.method in SAFE_METHODS:
        return
    has_body = request.content_length or request.headers.get("Transfer-Encoding")
    if not has_body or request.is_json or request.mimetype == "multipart/form-data":
        return
    abort(
        415,
        message="send the body as JSON with Content-Type: application/json "
        f"(files as multipart/form-data), not as {request.mimetype or 'no type'}",
    )


def commit():
    """End the request's one transaction."""
    db.session.commit()


def if_match_version() -> int | None:
    """The version a client says it changes (If-Match: "3"), or None when it sends none."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    text = header.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        abort(412, message=f'If-Match must be the ETag of the device, e.g. "3", not {header}')
    return int(text)
