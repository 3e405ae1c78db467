"""API fixtures: one user and bearer token per role."""

import json

import marshmallow as ma
import pytest
from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from api.common import SAFE_METHODS
from api.schema import Schema
from reuse.extensions import db
from reuse.models import Role
from reuse.services import tokens, users
from tests.builders import make_association


@pytest.fixture
def headers(app) -> dict[str, dict[str, str]]:
    """Authorization headers per role; the association user belongs to `own_association`."""
    result = {}
    with app.app_context():
        association = make_association(db.session, name="Mon Asso")
        for role in Role:
            user, _ = users.create_user(
                db.session,
                f"{role.value}@api.test",
                role,
                password="p" * 12,
                association_id=association.id if role == Role.ASSOCIATION else None,
            )
            _, plain = tokens.issue_token(db.session, user, "tests")
            result[role.value] = {"Authorization": f"Bearer {plain}"}
        db.session.commit()
        result["association_id"] = association.id
    return result


def _json(data) -> str:
    return json.dumps(data, sort_keys=True, default=repr)


@pytest.fixture(autouse=True)
def dumps_agree_with_marshmallow(monkeypatch):
    """Every response the API tests get is dumped twice: by the compiled dump (api.dumping) and
    by marshmallow itself; they must be equal."""
    compiled = Schema.dump

    def dump_both(schema, obj, *, many=None):
        fast = compiled(schema, obj, many=many)
        slow = ma.Schema.dump(schema, obj, many=many)
        # As JSON, so that 1 and True, or 2.5 and "2.5", differ.
        assert _json(fast) == _json(slow), type(schema).__name__
        return fast

    monkeypatch.setattr(Schema, "dump", dump_both)


@pytest.fixture(autouse=True)
def reads_write_nothing():
    """Requests that change nothing write nothing (on PostgreSQL they read without a
    transaction, so a write would stand at once): any INSERT, UPDATE or DELETE during a GET fails
    the test, but for the token's last use, which is written on purpose."""

    def check(connection, cursor, statement, *args):
        if not has_request_context() or request.method not in SAFE_METHODS:
            return
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE") and "api_tokens" not in statement:
            raise AssertionError(f"{request.method} {request.path} wrote: {statement[:120]}")

    event.listen(Engine, "before_cursor_execute", check)
    yield
    event.remove(Engine, "before_cursor_execute", check)
