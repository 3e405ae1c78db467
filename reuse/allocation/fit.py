"""The one rule saying whether a device may go to a need, for one pair or a whole table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from reuse.allocation.model import GRADES, Need

GRADE_RANK = {grade: rank for rank, grade in enumerate(GRADES)}


class DeviceProfile(Protocol):
    """What the rule reads of a device (a DeviceClass, or any object with these attributes)."""

    category: str
    grade: str
    ram_gb: int
    storage_gb: int
    has_kit: bool


def fits(device: DeviceProfile, need: Need) -> bool:
    """True when the device may go to the need (category, specs, grade and kit as asked)."""
    return (
        device.category == need.category
        and (need.min_ram_gb is None or device.ram_gb >= need.min_ram_gb)
        and (need.min_storage_gb is None or device.storage_gb >= need.min_storage_gb)
        and (need.min_grade is None or GRADE_RANK[device.grade] <= GRADE_RANK[need.min_grade])
        and (device.has_kit or not need.needs_kit)
    )


def fit_matrix(needs: Sequence[Need], devices: Sequence[DeviceProfile]) -> np.ndarray:
    """Boolean table, one row per need and one column per device profile: `fits`, vectorised."""
    categories = {name: code for code, name in enumerate({d.category for d in devices})}
    dev_category = np.array([categories[d.category] for d in devices], dtype=np.int64)
    dev_grade = np.array([GRADE_RANK[d.grade] for d in devices], dtype=np.int64)
    dev_ram = np.array([d.ram_gb for d in devices], dtype=np.int64)
    dev_storage = np.array([d.storage_gb for d in devices], dtype=np.int64)
    dev_kit = np.array([d.has_kit for d in devices], dtype=bool)

    worst = len(GRADES) - 1
    need_category = np.array([categories.get(n.category, -1) for n in needs], dtype=np.int64)
    need_ram = np.array([n.min_ram_gb or 0 for n in needs], dtype=np.int64)
    need_storage = np.array([n.min_storage_gb or 0 for n in needs], dtype=np.int64)
    need_grade = np.array(
        [worst if n.min_grade is None else GRADE_RANK[n.min_grade] for n in needs], dtype=np.int64
    )
    need_kit = np.array([n.needs_kit for n in needs], dtype=bool)

    return (
        (need_category[:, None] == dev_category[None, :])
        & (dev_ram[None, :] >= need_ram[:, None])
        & (dev_storage[None, :] >= need_storage[:, None])
        & (dev_grade[None, :] <= need_grade[:, None])
        & (dev_kit[None, :] | ~need_kit[:, None])
    ).reshape(len(needs), len(devices))
