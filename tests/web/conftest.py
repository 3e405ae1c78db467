"""Web test helpers: sign in as any role without a real password hash, seed data in one go.

The app and its per-test isolation come from tests/conftest.py.
"""

import itertools

import pytest
from werkzeug.security import generate_password_hash

from reuse.extensions import db
from reuse.models import Role, User

PASSWORD = "correct horse battery"
#: One cheap hash for every test user: the tests are about pages, not password storage.
FAST_HASH = generate_password_hash(PASSWORD, "pbkdf2:sha256:1")
_numbers = itertools.count(1)


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
