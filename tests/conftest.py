"""Test fixtures: the app on SQLite and, when configured, PostgreSQL.

Every test that asks for `app` runs once per database. Isolation follows warehouse's pattern: one
connection, an outer transaction, and sessions that join it through savepoints, rolled back after
the test, so what a test commits is never seen by the next one; the app's configuration is given
back after each test too.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_sqlalchemy.session import Session as FlaskSession

from reuse import create_app
from reuse.extensions import db
from reuse.models import Base
from reuse.services import tokens

POSTGRES_URL = os.environ.get("REUSE_TEST_POSTGRES_URL")
DATABASES = ["sqlite", "postgresql"]


def pytest_report_header(config) -> str:
    target = POSTGRES_URL or "not set: PostgreSQL tests are skipped (set REUSE_TEST_POSTGRES_URL)"
    return f"REUSE_TEST_POSTGRES_URL: {target}"


@pytest.fixture(scope="session", params=DATABASES)
def database_url(request, tmp_path_factory) -> Iterator[str]:
    """A database with the current schema, once per test session and per database kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    elif POSTGRES_URL:
        url = POSTGRES_URL
    else:
        pytest.skip("PostgreSQL run skipped: REUSE_TEST_POSTGRES_URL is not set")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        Base.metadata.create_all(connection)
    engine.dispose()
    yield url


def make_app(database_url: str, **overrides) -> Flask:
    """An app configured for tests against `database_url`."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-" + uuid.uuid4().hex,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "REUSE_PUBLIC_URL": "https://reuse.test",
    }
    config.update(overrides)
    return create_app(config)


class _ConnectionBoundSession(FlaskSession):
    """A session that always uses the connection it was given (Flask-SQLAlchemy's picks engines)."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return self.bind

    def connection(self, bind_arguments=None, execution_options=None):
        # The test's outer transaction must hold everything it does, reads included: a
        # request's wish to read without a transaction (api.common) cannot apply here.
        options = {k: v for k, v in (execution_options or {}).items() if k != "isolation_level"}
        return super().connection(bind_arguments, options or None)


@pytest.fixture(scope="session")
def _apps() -> Iterator[dict[str, Flask]]:
    """One app per database for the whole run: building one (its OpenAPI document above all)
    costs more than most tests, and nothing a test does to an app outlives the test."""
    apps: dict[str, Flask] = {}
    yield apps
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()


@contextmanager
def isolated(app: Flask) -> Iterator[Flask]:
    """Run a test on `app` inside one outer transaction rolled back afterwards, and give the
    app its configuration back as it was."""
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


@pytest.fixture(autouse=True)
def _no_trusted_tokens() -> None:
    """Each test starts with no API token trusted from an earlier one (reuse.services.tokens)."""
    tokens._forget_all()


@pytest.fixture
def app(database_url, _apps) -> Iterator[Flask]:
    """The database's app, whose sessions join one outer transaction rolled back afterwards."""
    if database_url not in _apps:
        _apps[database_url] = make_app(database_url)
    with isolated(_apps[database_url]) as app:
        yield app


@pytest.fixture
def session(app):
    """The database session, inside an app context, for tests of services."""
    with app.app_context():
        yield db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def committed_app(database_url) -> Iterator[Flask]:
    """An app whose sessions really commit, for tests of concurrent transactions; emptied after."""
    app = make_app(database_url)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            with db.engine.begin() as connection:
                for table in reversed(Base.metadata.sorted_tables):
                    connection.execute(table.delete())
            db.engine.dispose()
