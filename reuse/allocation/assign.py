"""Turn per-need counts into concrete devices: contiguous slices of each type, lowest id first."""

from __future__ import annotations

import numpy as np

from reuse.allocation.flow import TransportNetwork
from reuse.allocation.stock import NeedTable, Stock


def assign_devices(
    table: NeedTable, stock: Stock, network: TransportNetwork, allocated: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Lines (need ids, device ids) giving each need `allocated` devices that fit it.

    A flow over groups says how many devices of each type each group takes; groups then take
    their slices of each type in order, and the needs of a group split the group's devices in
    rank order, so every need's devices are contiguous.
    """
    valid = table.group >= 0
    group_total = np.bincount(
        table.group[valid], weights=allocated[valid], minlength=network.groups
    ).astype(np.int64)
    value, per_pair = network.flows(group_total)
    if value != int(group_total.sum()):
        raise RuntimeError("the allocation asks more than the stock can give")

    taking = np.flatnonzero(allocated > 0)
    order = taking[np.argsort(table.group[taking], kind="stable")]
    next_free = np.zeros(network.types, dtype=np.int64)
    device_parts: list[np.ndarray] = []
    for g in range(network.groups):
        for t in np.flatnonzero(per_pair[g]):
            start = next_free[t]
            next_free[t] += per_pair[g, t]
            device_parts.append(stock.device_ids[t][start : next_free[t]])
    device_ids = np.concatenate(device_parts) if device_parts else np.zeros(0, dtype=np.int64)
    need_ids = np.repeat(table.need_ids[order], allocated[order])
    device_ids.flags.writeable = False
    need_ids.flags.writeable = False
    return need_ids, device_ids
