"""The migrations build, from an empty database, exactly the schema the models describe."""

import os

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from reuse import database
from reuse.extensions import db
from reuse.models import Base, Device
from tests.builders import make_device
from tests.conftest import POSTGRES_URL, make_app


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    """A URL to a database with no tables at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL run skipped: REUSE_TEST_POSTGRES_URL is not set")
    name = f"reuse_migrations_{os.getpid()}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield sa.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_migrations_upgrade_an_empty_database_to_the_models_schema(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        database.upgrade()
        assert _differences(db.engine) == []
        tables = set(sa.inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        db.engine.dispose()


def test_migrations_downgrade_to_nothing_and_upgrade_again(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        database.upgrade()
        downgrade(directory=str(database.MIGRATIONS), revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade(directory=str(database.MIGRATIONS))
        assert _differences(db.engine) == []
        db.engine.dispose()


def test_decimals_stored_past_their_column_s_places_are_rounded_as_they_were_shown(
    empty_database_url,
):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(directory=str(database.MIGRATIONS), revision="0d2eaf87ed42")
        device = make_device(db.session)
        db.session.execute(
            sa.update(Device)
            .where(Device.id == device.id)
            .values(weight_kg=4.567, screen_inches=15.66)
        )
        db.session.commit()
        upgrade(directory=str(database.MIGRATIONS))
        stored = db.session.execute(
            sa.text("SELECT weight_kg, screen_inches FROM devices WHERE id = :id"),
            {"id": device.id},
        ).one()
        assert [float(value) for value in stored] == [4.57, 15.7]
        db.session.remove()
        db.engine.dispose()
