"""Allocation benchmark: the engine alone, then end to end on SQLite and PostgreSQL.

`python -m bench allocation [--sizes 100000:2000,1000000:20000] [--repeat N] [--seed S]
[--databases sqlite,postgresql] [--end-to-end 100000:2000] [--confirm N]`

Engine: synthetic stock and needs of programme size, engine time only, both policies, with and
without a wave limit. End to end: the same stock as ready devices and the same needs as approved
needs in a fresh database; a draft run (read the stock and needs, solve, write the draft and its
lines, commit) against the reference: reading the same devices and writing as many lines without
solving. Targets for 100,000 devices and 2,000 needs: end to end under 3 s and a ratio under 2 on
both databases. The national size (1,000,000 and 20,000) runs end to end on request: it takes
about 4 minutes per database, most of it writing a million lines twice per figure.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from bench._databases import fresh_database
from reuse.allocation import AllocationResult, DeviceClass, Need, allocate

CATEGORIES = {"desktop": 0.5, "laptop": 0.3, "monitor": 0.2}
GRADES = {"A": 0.25, "B": 0.5, "C": 0.25}
RAM = {4: 0.2, 8: 0.5, 16: 0.3}
STORAGE = {128: 0.3, 256: 0.5, 512: 0.2}
WAREHOUSES = (1, 2)
DEFAULT_SIZES = ((100_000, 2_000), (1_000_000, 20_000))


@dataclass(frozen=True)
class Timing:
    """One engine run: its wall time and what it proposed."""

    devices: int
    needs: int
    policy: str
    limit: int | None
    seconds: float
    result: AllocationResult


def _pick(rng: np.random.Generator, table: dict, size: int) -> np.ndarray:
    keys = list(table)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=list(table.values()))]


def make_stock(devices: int, seed: int = 0) -> list[DeviceClass]:
    """Ready devices in classes: desktops, laptops and monitors of mixed grades and specs."""
    rng = np.random.default_rng(seed)
    profiles = []
    weights = []
    for category, p_category in CATEGORIES.items():
        for grade, p_grade in GRADES.items():
            for warehouse in WAREHOUSES:
                if category == "monitor":
                    profiles.append((category, grade, 0, 0, False, warehouse))
                    weights.append(p_category * p_grade / len(WAREHOUSES))
                    continue
                for ram, p_ram in RAM.items():
                    for storage, p_storage in STORAGE.items():
                        for kit, p_kit in ((True, 0.7), (False, 0.3)):
                            if category == "laptop" and kit:
                                continue
                            p_kit = 1.0 if category == "laptop" else p_kit
                            profiles.append((category, grade, ram, storage, kit, warehouse))
                            weights.append(
                                p_category * p_grade * p_ram * p_storage * p_kit / len(WAREHOUSES)
                            )
    weights_array = np.array(weights) / sum(weights)
    counts = rng.multinomial(devices, weights_array)
    ids = rng.permutation(np.arange(1, devices + 1, dtype=np.int64))
    bounds = np.concatenate([[0], np.cumsum(counts)])
    return [
        DeviceClass(*profile, device_ids=np.sort(ids[bounds[i] : bounds[i + 1]]))
        for i, profile in enumerate(profiles)
        if counts[i]
    ]


def make_needs(count: int, seed: int = 0, devices_per_need: int = 50) -> list[Need]:
    """Approved needs with varied sizes, priorities, dates and constraints.

    Sizes scale with `devices_per_need` so that the maxima ask about 1.5 times the stock and
    the minima about half of it: needs compete, and some go unserved.
    """
    rng = np.random.default_rng(seed + 1)
    categories = _pick(rng, CATEGORIES, count)
    low = np.maximum(1, rng.integers(devices_per_need // 5, devices_per_need * 4 // 5 + 1, count))
    high = low + rng.integers(0, 2 * devices_per_need + 1, size=count)
    priority = rng.integers(1, 6, size=count)
    minutes = rng.integers(0, 90 * 24 * 60, size=count)
    ram = _pick(rng, {None: 0.4, 4: 0.2, 8: 0.3, 16: 0.1}, count)
    storage = _pick(rng, {None: 0.5, 128: 0.2, 256: 0.25, 512: 0.05}, count)
    grade = _pick(rng, {None: 0.5, "C": 0.1, "B": 0.3, "A": 0.1}, count)
    kit = rng.random(count) < 0.6
    start = datetime(2026, 1, 5, 9, 0)
    needs = []
    for i in range(count):
        computer = categories[i] != "monitor"
        needs.append(
            Need(
                id=i + 1,
                association_id=1 + i // 2,
                category=str(categories[i]),
                quantity_min=int(low[i]),
                quantity_max=int(high[i]),
                priority=int(priority[i]),
                submitted_at=start + timedelta(minutes=int(minutes[i])),
                min_ram_gb=ram[i] if computer else None,
                min_storage_gb=storage[i] if computer else None,
                min_grade=grade[i],
                needs_kit=bool(kit[i]) and categories[i] == "desktop",
            )
        )
    return needs


def time_engine(
    classes: list[DeviceClass],
    needs: list[Need],
    limit: int | None = None,
    policy: str = "spread",
    repeat: int = 1,
) -> Timing:
    """Best wall time of `repeat` engine runs on the same input."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = allocate(classes, needs, limit=limit, policy=policy)
        best = min(best, time.perf_counter() - started)
    devices = sum(c.count for c in classes)
    return Timing(devices, len(needs), policy, limit, best, result)


def describe(timing: Timing) -> str:
    """One line of figures for a run."""
    summary = timing.result.summary
    causes = ", ".join(f"{cause.value} {n}" for cause, n in summary.not_served.items()) or "none"
    limit = "none" if timing.limit is None else f"{timing.limit:,}"
    return (
        f"{timing.devices:>9,} devices {timing.needs:>6,} needs  {timing.policy:<6} "
        f"limit {limit:<8} engine {timing.seconds:7.3f} s  allocated {summary.allocated:>9,}  "
        f"served {summary.needs_served:>6,}  not served: {causes}"
    )


def _sizes(text: str) -> list[tuple[int, int]]:
    return [tuple(int(part) for part in pair.split(":")) for pair in text.split(",")]


def main(argv: list[str]) -> int:
    """Print engine times for each size, policy, and a wave limited to a third of the stock."""
    parser = argparse.ArgumentParser(prog="python -m bench allocation")
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="devices:needs pairs, comma separated (default 100000:2000,1000000:20000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; best is shown")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="databases of the end-to-end run, comma separated ('' for none)",
    )
    parser.add_argument(
        "--end-to-end",
        type=_sizes,
        default=[DEFAULT_SIZES[0]],
        help="devices:needs pairs of the end-to-end run (default 100000:2000; add "
        "1000000:20000 for the national size, about 4 minutes per database)",
    )
    parser.add_argument(
        "--confirm",
        type=int,
        default=0,
        help="also time confirming a draft of this many devices (one lifecycle event each)",
    )
    args = parser.parse_args(argv)

    for devices, count in args.sizes:
        started = time.perf_counter()
        classes = make_stock(devices, args.seed)
        needs = make_needs(count, args.seed, devices_per_need=max(1, devices // count))
        print(
            f"data: {devices:,} devices in {len(classes)} classes, {count:,} needs "
            f"(built in {time.perf_counter() - started:.2f} s)"
        )
        for policy in ("spread", "fill"):
            for limit in (None, devices // 3):
                print(describe(time_engine(classes, needs, limit, policy, args.repeat)), flush=True)

    for kind in filter(None, args.databases.split(",")):
        for devices, count in args.end_to_end:
            end_to_end(kind, devices, count, args.seed, args.repeat, args.confirm)
    return 0


def end_to_end(kind: str, devices: int, count: int, seed: int, repeat: int, confirm: int) -> None:
    """Print draft-run figures on a fresh database of `kind` holding the synthetic data set."""
    from reuse import create_app
    from reuse.extensions import db
    from reuse.models import Base

    with tempfile.TemporaryDirectory() as folder:
        url, drop = fresh_database(kind, Path(folder))
        try:
            app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
            with app.app_context():
                Base.metadata.create_all(db.engine)
                started = time.perf_counter()
                classes = make_stock(devices, seed)
                needs = make_needs(count, seed, devices_per_need=max(1, devices // count))
                programme_id = load(db.session, classes, needs)
                db.session.commit()
                if kind == "postgresql":
                    db.session.execute(sa.text("ANALYZE"))
                    db.session.commit()
                print(
                    f"{kind}: {devices:,} ready devices, {count:,} approved needs loaded in "
                    f"{time.perf_counter() - started:.1f} s",
                    flush=True,
                )
                for policy in ("spread", "fill"):
                    for limit in (None, devices // 3):
                        figures = time_draft(db.session, programme_id, policy, limit, repeat)
                        print(describe_draft(kind, figures), flush=True)
                if confirm:
                    print(time_confirm(db.session, programme_id, confirm), flush=True)
                db.session.remove()
                db.engine.dispose()
        finally:
            drop()


def load(session, classes: list[DeviceClass], needs: list[Need]) -> int:
    """Write the classes as ready devices and the needs as approved needs; the programme's id."""
    from reuse import codes
    from reuse.models import Association, Collection, DonorSite, Programme, Warehouse
    from reuse.models import Need as NeedRow

    now = datetime(2026, 11, 2, tzinfo=UTC)
    session.add(DonorSite(id=1, organisation="Telco", name="Lyon", city="Lyon"))
    for warehouse in WAREHOUSES:
        session.add(Warehouse(id=warehouse, name=f"Warehouse {warehouse}", city="Lyon"))
    session.flush()
    session.add(Collection(id=1, reference="BENCH", donor_site_id=1, collected_on=now.date()))
    programme = Programme(name="Bench", partner="Bench", territory="France", starts_on=now.date())
    session.add(programme)
    session.flush()
    associations = sorted({need.association_id for need in needs})
    session.execute(
        sa.insert(Association.__table__),
        [
            {
                "id": a,
                "name": f"Association {a}",
                "city": "Lyon",
                "legal_id_missing_reason": "bench",
                "focus_areas": [],
                "active": True,
                "created_at": now,
            }
            for a in associations
        ],
    )
    session.execute(
        sa.insert(NeedRow.__table__),
        [
            {
                "id": need.id,
                "programme_id": programme.id,
                "association_id": need.association_id,
                "category": need.category,
                "quantity_min": need.quantity_min,
                "quantity_max": need.quantity_max,
                "min_ram_gb": need.min_ram_gb,
                "min_storage_gb": need.min_storage_gb,
                "min_grade": need.min_grade,
                "needs_kit": need.needs_kit,
                "priority": need.priority,
                "status": "approved",
                "submitted_at": need.submitted_at.replace(tzinfo=UTC),
            }
            for need in needs
        ],
    )
    total = sum(c.count for c in classes)
    fresh = list(
        dict.fromkeys(codes.generate_many(total + total // 1000 + 100, np.random.default_rng(1)))
    )
    rows = []
    for device_class in classes:
        accessories = "keyboard, mouse" if device_class.has_kit else None
        for device_id in np.asarray(device_class.device_ids).tolist():
            rows.append(
                (
                    device_id,
                    fresh[device_id - 1],
                    "Telco",
                    device_class.category,
                    "Dell",
                    device_class.ram_gb or None,
                    device_class.storage_gb or None,
                    accessories,
                    device_class.grade,
                    "ready",
                    device_class.warehouse_id,
                )
            )
    rows.sort()
    _write_devices(session, rows, now)
    return programme.id


_DEVICE_COLUMNS = (
    "id",
    "code",
    "donor_organisation",
    "category",
    "manufacturer",
    "ram_gb",
    "storage_gb",
    "accessories",
    "grade",
    "status",
    "warehouse_id",
)
_FIXED_COLUMNS = (
    "collection_id",
    "kit_required",
    "cycle",
    "version",
    "status_changed_at",
    "created_at",
    "updated_at",
)


def _write_devices(session, rows: list[tuple], now: datetime) -> None:
    """Insert device rows with the driver's fastest path (COPY, or executemany on SQLite)."""
    columns = ", ".join(_DEVICE_COLUMNS + _FIXED_COLUMNS)
    connection = session.connection()
    raw = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        fixed = (1, False, 1, 1, now, now, now)
        with raw.cursor().copy(f"COPY devices ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + fixed)
        return
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    fixed = (1, 0, 1, 1, stamp, stamp, stamp)
    marks = ", ".join("?" * (len(_DEVICE_COLUMNS) + len(_FIXED_COLUMNS)))
    raw.cursor().executemany(
        f"INSERT INTO devices ({columns}) VALUES ({marks})", (row + fixed for row in rows)
    )


@dataclass(frozen=True)
class DraftFigures:
    """One draft run end to end, and the same reading and writing without the solver."""

    devices: int
    needs: int
    policy: str
    limit: int | None
    lines: int
    read_stock: float
    read_needs: float
    engine: float
    end_to_end: float
    baseline: float

    @property
    def ratio(self) -> float:
        """End to end over reading the devices and writing the lines without solving."""
        return self.end_to_end / self.baseline


def time_draft(session, programme_id: int, policy: str, limit: int | None, repeat: int):
    """Best of `repeat` draft runs, each committed, and the matching reference figures."""
    from reuse.models import Allocation, AllocationLine
    from reuse.services import allocation_data, allocations
    from reuse.services.actors import Actor

    actor = Actor.command_line()
    best = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    for attempt in range(repeat):
        started = time.perf_counter()
        draft = allocations.run_draft(
            session, actor, programme_id, f"bench {attempt}", limit, policy
        )
        session.commit()
        keep("end_to_end", time.perf_counter() - started)
        lines = draft.summary["totals"]["allocated"]

        started = time.perf_counter()
        classes = allocation_data.read_stock(session)
        keep("read_stock", time.perf_counter() - started)
        started = time.perf_counter()
        needs = allocation_data.read_needs(session, programme_id)
        keep("read_needs", time.perf_counter() - started)
        session.rollback()
        started = time.perf_counter()
        allocate(classes, needs, limit=limit, policy=policy)
        keep("engine", time.perf_counter() - started)

        # The reference: the same devices read, as many lines written, nothing solved.
        started = time.perf_counter()
        classes = allocation_data.read_stock(session)
        device_ids = np.concatenate([np.asarray(c.device_ids) for c in classes])[:lines]
        reference = Allocation(
            programme_id=programme_id, wave="reference", parameters={}, summary={}
        )
        session.add(reference)
        session.flush()
        need_ids = np.resize(np.array([n.id for n in needs], dtype=np.int64), lines)
        allocation_data.insert_lines(
            session, reference.id, need_ids.tolist(), device_ids.tolist(), ["minimum"] * lines
        )
        session.commit()
        keep("baseline", time.perf_counter() - started)

        for allocation_id in (draft.id, reference.id):
            session.execute(
                sa.delete(AllocationLine).where(AllocationLine.allocation_id == allocation_id)
            )
            session.execute(sa.delete(Allocation).where(Allocation.id == allocation_id))
        session.commit()
    devices = sum(c.count for c in classes)
    return DraftFigures(devices, len(needs), policy, limit, lines, **best)


def describe_draft(kind: str, f: DraftFigures) -> str:
    """One line of end-to-end figures."""
    limit = "none" if f.limit is None else f"{f.limit:,}"
    return (
        f"{kind:<10} {f.devices:>9,} devices {f.needs:>6,} needs  {f.policy:<6} limit {limit:<8} "
        f"lines {f.lines:>9,}  read devices {f.read_stock:6.3f} s  needs {f.read_needs:6.3f} s  "
        f"engine {f.engine:6.3f} s  end to end {f.end_to_end:6.3f} s  "
        f"reference {f.baseline:6.3f} s  ratio {f.ratio:4.2f}"
    )


def time_confirm(session, programme_id: int, devices: int) -> str:
    """Seconds to confirm a draft limited to `devices` devices (a lifecycle event per device)."""
    from reuse.services import allocations
    from reuse.services.actors import Actor

    actor = Actor.command_line()
    draft = allocations.run_draft(session, actor, programme_id, "confirmed", devices, "spread")
    session.commit()
    started = time.perf_counter()
    allocations.confirm(session, actor, draft.id)
    session.commit()
    seconds = time.perf_counter() - started
    allocated = draft.summary["totals"]["allocated"]
    return (
        f"confirm: {allocated:,} devices allocated in {seconds:.2f} s "
        f"({allocated / seconds:,.0f} devices/s)"
    )
