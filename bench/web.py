"""`python -m bench web`: render the web UI's busiest pages over 100,000 devices.

Fills a fresh database per kind with the scale generator (`fixtures.scale`), signs a warehouse
user in through the test client, and renders each page many times: the device list (first page,
filtered, and a page deep in the list by key), the dashboard, a device page (a different device
each time) and the refurbishment queue. Prints p50 and p95 in milliseconds and the SQL statements
each page runs, for SQLite and PostgreSQL. Target: p95 under 150 ms on both databases.

The timings are the whole request in-process (routing, session, queries, Jinja, translation),
without a network or a server in front.
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from bench._databases import fresh_database

TARGET_MS = 150


def build(url: str, devices: int, seed: int) -> None:
    """Fill the database with the scale data set and one warehouse user, committed."""
    from werkzeug.security import generate_password_hash

    from fixtures import scale
    from reuse import create_app
    from reuse.extensions import db
    from reuse.models import Base, Role, User

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        Base.metadata.create_all(db.engine)
        scale.generate(db.session, devices, seed=seed)
        db.session.add(
            User(
                email="bench@reuse.test",
                role=Role.WAREHOUSE,
                password_hash=generate_password_hash("not used", "pbkdf2:sha256:1"),
            )
        )
        db.session.commit()
        db.session.remove()
        analyze(db.engine)
        db.engine.dispose()


def analyze(engine: sa.Engine) -> None:
    """Fresh planner statistics, as autovacuum (or a DBA) gives them after a bulk load."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE"
            )
        else:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()


def pages(client, app, rng: random.Random) -> dict[str, callable]:
    """Page name -> a function giving the next URL to render."""
    from reuse.extensions import db
    from reuse.models import Device

    with app.app_context():
        codes = db.session.scalars(sa.select(Device.code).order_by(Device.id)).all()
        deep = db.session.scalar(
            sa.select(Device.id).order_by(Device.id.desc()).offset(len(codes) // 2).limit(1)
        )
    return {
        "device list": lambda: "/devices/",
        "device list, ready laptops": lambda: "/devices/?status=ready&category=laptop",
        "device list, page by key": lambda: f"/devices/?after={deep}",
        "dashboard": lambda: "/",
        "device page": lambda: f"/devices/{rng.choice(codes)}",
        "refurbishment queue": lambda: "/queue/?stage=refurbishing",
    }


def measure(kind: str, devices: int, requests: int, seed: int) -> list[tuple]:
    """(page, p50, p95, statements) per page, on the schema the models define."""
    with tempfile.TemporaryDirectory() as folder:
        url, drop = fresh_database(kind, Path(folder))
        try:
            started = time.perf_counter()
            build(url, devices, seed)
            print(f"{kind}: {devices:,} devices generated in {time.perf_counter() - started:.0f} s")
            return time_pages(url, requests, seed)
        finally:
            drop()


def time_pages(url: str, requests: int, seed: int) -> list[tuple]:
    """(page, p50 ms, p95 ms, statements per request) for each page, signed in as warehouse."""
    from reuse import create_app
    from reuse.extensions import db
    from reuse.models import User

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    client = app.test_client()
    with app.app_context():
        user_id = db.session.scalar(sa.select(User.id))
        engine = db.engine
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
    statements = [0]

    @sa.event.listens_for(engine, "before_cursor_execute")
    def count(*_args) -> None:
        statements[0] += 1

    results = []
    for name, next_url in pages(client, app, random.Random(seed)).items():
        for _ in range(5):
            _render(client, next_url())
        timings = []
        statements[0] = 0
        for _ in range(requests):
            path = next_url()
            begun = time.perf_counter()
            _render(client, path)
            timings.append((time.perf_counter() - begun) * 1000)
        cuts = statistics.quantiles(timings, n=20)
        results.append((name, statistics.median(timings), cuts[18], statements[0] / requests))
    with app.app_context():
        db.engine.dispose()
    return results


def _render(client, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")


def main(argv: list[str]) -> int:
    """Measure each page on each database and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench web")
    parser.add_argument("--devices", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100, help="timed renders per page")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for kind in args.databases.split(","):
        rows = measure(kind, args.devices, args.requests, args.seed)
        print(f"  {'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for name, p50, p95, queries in rows:
            print(f"  {name:<28} {p50:>8.1f} {p95:>8.1f} {queries:>8.1f}")
        worst = max(p95 for _, _, p95, _ in rows)
        verdict = "met" if worst < TARGET_MS else "missed"
        print(f"{kind}: worst p95 {worst:.1f} ms, target (p95 < {TARGET_MS} ms) {verdict}\n")
    return 0
