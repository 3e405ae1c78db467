"""Stock and needs as the solver sees them: device types, and groups of needs that fit alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from reuse.allocation.fit import GRADE_RANK, fit_matrix
from reuse.allocation.model import GRADES, DeviceClass, Need


@dataclass(frozen=True)
class DeviceType:
    """What fit reads of a device: classes differing only by warehouse share one type."""

    category: str
    grade: str
    ram_gb: int
    storage_gb: int
    has_kit: bool


@dataclass(frozen=True, eq=False)
class Stock:
    """Device types in a fixed order, their counts and their device ids (by warehouse, then id)."""

    types: tuple[DeviceType, ...]
    counts: np.ndarray
    device_ids: tuple[np.ndarray, ...]


@dataclass(frozen=True, eq=False)
class NeedTable:
    """Needs in the order they are considered, their bounds for this wave and their fit group.

    Needs that accept exactly the same device types form one group: the solver works on groups,
    whose count stays small however many needs there are. `group` is -1 where nothing fits.
    """

    needs: tuple[Need, ...]
    need_ids: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    group: np.ndarray
    fit: np.ndarray


def build_stock(classes: Iterable[DeviceClass]) -> Stock:
    """Merge classes into device types in a canonical order, so input order never matters."""
    by_type: dict[DeviceType, list[tuple[int, np.ndarray]]] = {}
    for device_class in classes:
        ids = np.asarray(device_class.device_ids, dtype=np.int64).reshape(-1)
        if not len(ids):
            continue
        if np.any(ids[1:] < ids[:-1]):
            ids = np.sort(ids)
        kind = DeviceType(
            device_class.category,
            device_class.grade,
            device_class.ram_gb,
            device_class.storage_gb,
            bool(device_class.has_kit),
        )
        by_type.setdefault(kind, []).append((device_class.warehouse_id, ids))

    types = sorted(
        by_type, key=lambda t: (t.category, GRADE_RANK[t.grade], t.ram_gb, t.storage_gb, t.has_kit)
    )
    device_ids = []
    for kind in types:
        # A type's devices run warehouse by warehouse, so that a need's contiguous slice
        # mostly comes from one warehouse; a class split in several parts is merged back.
        parts = sorted(by_type[kind], key=lambda part: (part[0], int(part[1][0])))
        merged: list[np.ndarray] = []
        for index, (warehouse, ids) in enumerate(parts):
            if index and parts[index - 1][0] == warehouse:
                merged[-1] = np.sort(np.concatenate([merged[-1], ids]))
            else:
                merged.append(ids)
        device_ids.append(np.concatenate(merged))
    counts = np.array([len(ids) for ids in device_ids], dtype=np.int64)

    if device_ids:
        every = np.sort(np.concatenate(device_ids))
        if np.any(every[1:] == every[:-1]):
            raise ValueError("a device id appears in more than one place in the stock")
    return Stock(tuple(types), counts, tuple(device_ids))


def build_need_table(needs: Iterable[Need], stock: Stock) -> NeedTable:
    """Order needs by priority, submission date and id, and group those that fit alike."""
    ordered = tuple(sorted(needs, key=lambda need: need.rank_key))
    need_ids = np.array([need.id for need in ordered], dtype=np.int64)
    if len(np.unique(need_ids)) != len(need_ids):
        raise ValueError("two needs share an id")

    signature_index: dict[tuple, int] = {}
    representatives: list[Need] = []
    need_signature = np.empty(len(ordered), dtype=np.int64)
    for position, need in enumerate(ordered):
        signature = (
            need.category,
            need.min_ram_gb or 0,
            need.min_storage_gb or 0,
            GRADES[-1] if need.min_grade is None else need.min_grade,
            need.needs_kit,
        )
        index = signature_index.setdefault(signature, len(representatives))
        if index == len(representatives):
            representatives.append(need)
        need_signature[position] = index

    signature_fit = fit_matrix(representatives, stock.types)
    group_of_row: dict[bytes, int] = {}
    signature_group = np.full(len(representatives), -1, dtype=np.int64)
    rows: list[np.ndarray] = []
    # Signatures are numbered by their first need, so groups come out in rank order too.
    for index, row in enumerate(signature_fit):
        if row.any():
            key = row.tobytes()
            signature_group[index] = group_of_row.setdefault(key, len(rows))
            if signature_group[index] == len(rows):
                rows.append(row)
    fit = np.array(rows, dtype=bool).reshape(len(rows), len(stock.types))

    lower = np.array([need.remaining_min for need in ordered], dtype=np.int64)
    upper = np.array([need.remaining_max for need in ordered], dtype=np.int64)
    group = signature_group[need_signature] if len(ordered) else np.zeros(0, dtype=np.int64)
    return NeedTable(ordered, need_ids, lower, upper, group, fit)
