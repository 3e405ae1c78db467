"""Fresh, empty databases for benchmarks: a SQLite file or a PostgreSQL database of their own."""

import os
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

POSTGRES_ADMIN_URL = os.environ.get(
    "REUSE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def fresh_database(kind: str, folder: Path) -> tuple[str, Callable[[], None]]:
    """A URL to an empty database of `kind`, and a function that removes it."""
    if kind == "sqlite":
        path = folder / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    name = f"reuse_bench_{os.getpid()}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")

    def drop() -> None:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()

    return sa.make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False), drop
