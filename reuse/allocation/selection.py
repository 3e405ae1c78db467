"""Rule 2 (and the fill policy): take needs in order, serve each whose minimum can still be met."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

from reuse.allocation.flow import TransportNetwork
from reuse.allocation.model import Cause
from reuse.allocation.stock import NeedTable


@dataclass(frozen=True, eq=False)
class Selection:
    """Per need, in rank order: whether it is served, what it was given here, and why not."""

    served: np.ndarray
    given: np.ndarray
    causes: tuple[Cause | None, ...]


def serve_in_order(
    table: NeedTable, network: TransportNetwork, limit: int | None, up_to_maximum: bool
) -> Selection:
    """Serve needs by rank: each gets its minimum (spread), as much as it can (fill), or nothing.

    A need is served when what it asks still fits, with what the needs served before it keep,
    within the stock (a max-flow over groups) and the wave limit.
    """
    n_needs = len(table.needs)
    served = np.zeros(n_needs, dtype=bool)
    given = np.zeros(n_needs, dtype=np.int64)
    causes: list[Cause | None] = [None] * n_needs
    demand = np.zeros(network.groups, dtype=np.int64)
    component = _components(network.fit)
    # Bounds on each group's spare room, kept without a max-flow while they decide: accepting
    # k devices for one group lowers its own room by exactly k and any connected group's by
    # at most k, and never raises any.
    room_low = network.group_supply.copy()
    room_high = network.group_supply.copy()
    used = 0

    for position in range(n_needs):
        group = int(table.group[position])
        lower = int(table.lower[position])
        upper = int(table.upper[position])
        if upper == 0:
            causes[position] = Cause.ALREADY_SATISFIED
            continue
        if group < 0:
            causes[position] = Cause.FIT
            continue
        if lower > network.group_supply[group]:
            causes[position] = Cause.STOCK
            continue
        if limit is not None and used + lower > limit:
            causes[position] = Cause.LIMIT
            continue
        wanted = upper if up_to_maximum else lower
        if limit is not None:
            wanted = min(wanted, limit - used)
        if wanted and wanted > room_low[group]:
            if lower > room_high[group]:
                causes[position] = Cause.PRIORITY
                continue
            room = network.spare(demand, group)
            room_low[group] = room_high[group] = room
            if lower > room:
                causes[position] = Cause.PRIORITY
                continue
            wanted = min(wanted, room)
        if up_to_maximum and not wanted:
            # Fill, minimum already met, nothing left for it: getting nothing is not being served.
            causes[position] = (
                Cause.LIMIT if limit is not None and used == limit else Cause.PRIORITY
            )
            continue
        served[position] = True
        if wanted:
            given[position] = wanted
            demand[group] += wanted
            used += wanted
            room_low[component == component[group]] -= wanted
            room_high[group] -= wanted
    return Selection(served, given, tuple(causes))


def _components(fit: np.ndarray) -> np.ndarray:
    """Connected components of groups, two groups being linked when they fit a common type."""
    groups, types = fit.shape
    if not groups:
        return np.zeros(0, dtype=np.int64)
    rows, cols = np.nonzero(fit)
    graph = csr_array(
        (np.ones(len(rows), dtype=np.int8), (rows, groups + cols)),
        shape=(groups + types, groups + types),
    )
    _, labels = connected_components(graph, directed=False)
    return labels[:groups]
