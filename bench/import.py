"""`python -m bench import [--rows N]`: import speed against a raw executemany, on both databases.

Generates an operator's asset list as CSV, imports it with the real service into a fresh
database (parse, checks, codes, devices and their events, commit), then inserts the same device
rows into the same table with a plain DB-API executemany, and prints both rates and their ratio.
Target: the import reaches at least a third of the raw insert's speed.
"""

import argparse
import csv
import io
import random
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from bench._databases import fresh_database

MODELS = [
    ("Unité centrale", "DELL", "OptiPlex 7070 SFF", "Intel Core i5-9500", "8 Go", "SSD 256 Go"),
    ("UC", "HP", "EliteDesk 800 G4", "Intel Core i5-8500", "8GB", "256 Go SSD"),
    ("Portable", "LENOVO", "ThinkPad T480", "Intel Core i5-8350U", "16 Go", "512 Go NVMe"),
    ("Écran", "Dell", "P2419H", "", "", ""),
    ("Desktop", "Lenovo", "ThinkCentre M720q", "Intel Core i5-8500T", "8192 MB", "500 Go HDD"),
]


def write_csv(rows: int, seed: int = 7) -> bytes:
    """An asset list of `rows` devices, with French headers and messy values."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "N° de série",
            "N° d'inventaire",
            "Catégorie",
            "Marque",
            "Modèle",
            "Processeur",
            "RAM",
            "Disque",
            "Site",
        ]
    )
    for n in range(rows):
        category, brand, model, cpu, ram, disk = rng.choice(MODELS)
        writer.writerow(
            [f"SN{n:09d}", f"IMMO-{n:08d}", category, brand, model, cpu, ram, disk, "Lyon"]
        )
    return out.getvalue().encode("utf-8")


def measure(kind: str, data: bytes, rows: int) -> tuple[float, float]:
    """Rows per second of the import and of a raw executemany, on one fresh database."""
    from reuse import create_app
    from reuse.extensions import db
    from reuse.models import Base, Device, DeviceEvent
    from reuse.services import device_import, intake
    from reuse.services.actors import Actor

    with tempfile.TemporaryDirectory() as folder:
        url, drop = fresh_database(kind, Path(folder))
        try:
            app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
            with app.app_context():
                Base.metadata.create_all(db.engine)
                actor = Actor.command_line()
                site = intake.create_donor_site(
                    db.session, actor, organisation="Telco", name="Lyon", city="Lyon"
                )
                collection = intake.create_collection(
                    db.session, actor, donor_site_id=site.id, collected_on=date(2026, 11, 2)
                )
                db.session.commit()

                started = time.perf_counter()
                report = device_import.import_devices(
                    db.session, actor, collection.id, data, "bench.csv"
                )
                db.session.commit()
                import_seconds = time.perf_counter() - started
                assert report.created == rows, report

                table = Device.__table__
                columns = [c.name for c in table.columns if c.name != "id"]
                with db.engine.connect() as connection:
                    stored = connection.execute(sa.select(*[table.c[n] for n in columns])).all()
                    connection.execute(sa.delete(DeviceEvent.__table__))
                    connection.execute(sa.delete(table))
                    connection.commit()
                raw_seconds = raw_executemany(db.engine, table.name, columns, stored)
                with db.engine.connect() as connection:
                    count = connection.execute(sa.select(sa.func.count()).select_from(table))
                    assert count.scalar() == rows
                db.session.remove()
                db.engine.dispose()
        finally:
            drop()
    return rows / import_seconds, rows / raw_seconds


def raw_executemany(engine: sa.Engine, table: str, columns: list[str], rows: list) -> float:
    """Seconds to insert `rows` with the driver's executemany and commit."""
    placeholder = "?" if engine.dialect.name == "sqlite" else "%s"
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join([placeholder] * len(columns))})"
    )
    values = [tuple(row) for row in rows]
    connection = engine.raw_connection()
    try:
        started = time.perf_counter()
        cursor = connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("BEGIN")
        cursor.executemany(sql, values)
        connection.commit()
        return time.perf_counter() - started
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench import")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    data = write_csv(args.rows)
    print(f"asset list: {args.rows:,} rows, {len(data) / 1e6:.1f} MB CSV")
    for kind in args.databases.split(","):
        import_rate, raw_rate = measure(kind, data, args.rows)
        print(
            f"{kind:<10} import {import_rate:>9,.0f} rows/s   raw executemany "
            f"{raw_rate:>9,.0f} rows/s   ratio {import_rate / raw_rate:.2f} (target >= 0.33)"
        )
    return 0
