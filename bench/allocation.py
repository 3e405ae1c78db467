"""Allocation engine benchmark: synthetic stock and needs of programme size, engine time only.

`python -m bench allocation [--sizes 100000:2000,1000000:20000] [--repeat N] [--seed S]`
The data builders and the timing are separate functions, so that an end-to-end run (read
from the database, write the draft) can reuse them.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

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
    return 0
