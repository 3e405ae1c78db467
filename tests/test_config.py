"""Configuration from the environment, and the refusal to serve without a secret key."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from reuse import create_app
from reuse.config import MissingSecretKey
from reuse.extensions import db
from tests.conftest import POSTGRES_URL, make_app


def test_the_app_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("REUSE_SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    monkeypatch.setenv("REUSE_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with pytest.raises(MissingSecretKey, match="REUSE_SECRET_KEY is not set"):
        create_app()


def test_the_environment_sets_database_secret_and_public_url(monkeypatch, tmp_path):
    monkeypatch.setenv("REUSE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REUSE_DATABASE_URL", f"sqlite:///{tmp_path / 'y.sqlite3'}")
    monkeypatch.setenv("REUSE_PUBLIC_URL", "https://reuse.example.org/")
    app = create_app()
    assert app.config["SECRET_KEY"] == "s" * 40
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("y.sqlite3")
    assert app.config["REUSE_PUBLIC_URL"] == "https://reuse.example.org"


def test_the_default_database_is_a_sqlite_file_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("REUSE_DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (f"sqlite:///{app.instance_path}/reuse.sqlite3")


@pytest.mark.parametrize(
    "given",
    [
        "postgres://reuse@db:5432/reuse",
        "postgresql://reuse@db:5432/reuse",
        "postgresql+psycopg://reuse@db:5432/reuse",
    ],
)
def test_a_postgresql_url_uses_the_installed_driver(monkeypatch, given):
    monkeypatch.setenv("REUSE_DATABASE_URL", given)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://reuse@db:5432/reuse"


def test_postgresql_gives_dates_in_utc_whatever_its_time_zone():
    """A server set to another time zone would give +09:00 dates on every page read through
    the ORM, and +00:00 on the device page the database writes."""
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL run skipped: REUSE_TEST_POSTGRES_URL is not set")
    tokyo = {"connect_args": {"options": "-c timezone=Asia/Tokyo"}}
    app = make_app(POSTGRES_URL, SQLALCHEMY_ENGINE_OPTIONS=tokyo)
    with app.app_context():
        assert db.session.scalar(sa.text("SHOW timezone")) == "UTC"
        db.session.rollback()  # a rollback must not undo it
        now = db.session.scalar(sa.select(sa.func.now()))
        assert now.utcoffset() == timedelta(0)
        db.session.remove()
        db.engine.dispose()
