"""Web test helpers: one app per database, sign-in as any role without a real password hash.

Building the app (above all the API's OpenAPI registration) costs far more than most page tests,
so the web tests share one app per database. Isolation stays that of tests/conftest.py: each
test runs in its own outer transaction, rolled back afterwards, and gets the app's configuration
back as it was.
"""

import itertools
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.security import generate_password_hash

from reuse.extensions import db
from reuse.models import Role, User
from tests.conftest import _ConnectionBoundSession, make_app

PASSWORD = "correct horse battery"
#: One cheap hash for every test user: the tests are about pages, not password storage.
FAST_HASH = generate_password_hash(PASSWORD, "pbkdf2:sha256:1")
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def _apps() -> Iterator[dict[str, Flask]]:
    apps: dict[str, Flask] = {}
    yield apps
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(database_url, _apps) -> Iterator[Flask]:
    """The database's shared app, whose sessions join one outer transaction rolled back after."""
    app = _apps.get(database_url)
    if app is None:
        app = _apps[database_url] = make_app(database_url)
    config = dict(app.config)
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original_session = db.session
        db.session = db._make_scoped_session(
            {
                "class_": _ConnectionBoundSession,
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
            }
        )
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.session = original_session
            outer.rollback()
            connection.close()
        app.config.clear()
        app.config.update(config)


@pytest.fixture
def make_user(app):
    """Create a user of a role (committed in the test's transaction); returns its id."""

    def make(role: str = "warehouse", association_id: int | None = None, **values) -> int:
        n = next(_numbers)
        with app.app_context():
            user = User(
                email=values.pop("email", f"{role}{n}@example.org"),
                role=Role(role),
                association_id=association_id,
                password_hash=FAST_HASH,
                **values,
            )
            db.session.add(user)
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def login(client, make_user):
    """Sign the test client in as a new user of `role`; returns the user's id."""

    def sign_in(role: str = "warehouse", association_id: int | None = None, **values) -> int:
        user_id = make_user(role, association_id, **values)
        with client.session_transaction() as session:
            session["_user_id"] = str(user_id)
            session["_fresh"] = True
        return user_id

    return sign_in


@pytest.fixture
def data(app):
    """Run a function with the session inside an app context and commit; returns its result."""

    def run(build):
        with app.app_context():
            result = build(db.session)
            db.session.commit()
            return result

    return run
