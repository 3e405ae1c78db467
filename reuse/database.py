"""Engine set-up per database and schema upgrades through the migrations."""

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

MIGRATIONS = Path(__file__).parent / "migrations"


def configure_engines(app: Flask) -> None:
    """Make SQLite behave like the production database: foreign keys, real transactions; and
    have PostgreSQL give dates in UTC, as SQLite and the device page do, whatever its time zone."""
    from reuse.extensions import db

    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "postgresql":
        sa.event.listen(engine, "connect", _in_utc)
        return
    if engine.dialect.name != "sqlite":
        return

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so SAVEPOINT
        # and rollback work as on PostgreSQL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def _in_utc(dbapi_connection, _record) -> None:
    # Once per pooled connection; outside a transaction, or a rollback would undo it.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    dbapi_connection.execute("SET TIME ZONE 'UTC'")
    dbapi_connection.autocommit = autocommit


def upgrade() -> None:
    """Create or upgrade the schema to the latest migration (inside an app context)."""
    from flask_migrate import upgrade as alembic_upgrade

    alembic_upgrade(directory=str(MIGRATIONS))
