"""Independent checks for the allocation tests: the fit rule by hand and device-level max-flows.

Nothing here reuses the engine's grouping or solver: flows are built device by device.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import maximum_flow

from reuse.allocation import DeviceClass, Need

GRADE_ORDER = {"A": 3, "B": 2, "C": 1}


def fits_by_hand(device: DeviceClass, need: Need) -> bool:
    """The policy's rule 1 written out again, independently of reuse.allocation.fit."""
    if device.category != need.category:
        return False
    if need.min_ram_gb is not None and device.ram_gb < need.min_ram_gb:
        return False
    if need.min_storage_gb is not None and device.storage_gb < need.min_storage_gb:
        return False
    if need.min_grade is not None and GRADE_ORDER[device.grade] < GRADE_ORDER[need.min_grade]:
        return False
    return not (need.needs_kit and not device.has_kit)


def devices_of(classes: Iterable[DeviceClass]) -> dict[int, DeviceClass]:
    """Each device id with the class it belongs to."""
    return {int(device_id): c for c in classes for device_id in c.device_ids}


def max_devices(
    classes: Sequence[DeviceClass],
    needs: Sequence[Need],
    caps: Mapping[int, int],
    exclude: Iterable[int] = (),
) -> int:
    """Most devices that can go to `needs`, need n at most caps[n.id], one device per line."""
    devices = devices_of(classes)
    for device_id in exclude:
        devices.pop(device_id, None)
    device_list = sorted(devices)
    n_needs, n_devices = len(needs), len(device_list)
    source, sink = 0, n_needs + n_devices + 1
    rows, cols, data = [], [], []
    for i, need in enumerate(needs):
        rows.append(source)
        cols.append(1 + i)
        data.append(caps.get(need.id, 0))
        for j, device_id in enumerate(device_list):
            if fits_by_hand(devices[device_id], need):
                rows.append(1 + i)
                cols.append(1 + n_needs + j)
                data.append(1)
    for j in range(n_devices):
        rows.append(1 + n_needs + j)
        cols.append(sink)
        data.append(1)
    if not rows:
        return 0
    graph = coo_array(
        (np.array(data, dtype=np.int32), (np.array(rows), np.array(cols))),
        shape=(sink + 1, sink + 1),
    ).tocsr()
    return int(maximum_flow(graph, source, sink).flow_value)


def all_fit(classes: Sequence[DeviceClass], demands: Mapping[Need, int]) -> bool:
    """True when every need can get its demanded number of devices at once."""
    needs = list(demands)
    wanted = sum(demands.values())
    return max_devices(classes, needs, {n.id: d for n, d in demands.items()}) == wanted


def hamilton(total: int, weights: Sequence[int]) -> list[int]:
    """Largest-remainder apportionment with exact fractions; ties to the earlier position."""
    weight_sum = sum(weights)
    if total == 0 or weight_sum == 0:
        return [0] * len(weights)
    quotas = [Fraction(total * w, weight_sum) for w in weights]
    shares = [int(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares
