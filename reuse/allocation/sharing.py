"""Rules 3 and 4 (spread): share what remains after the minima in proportion, as fit allows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reuse.allocation.apportion import largest_remainder, nearest_counts
from reuse.allocation.flow import TransportNetwork
from reuse.allocation.stock import NeedTable


@dataclass(frozen=True, eq=False)
class Shares:
    """Per need, in rank order: what it gets, and its target's whole share and remainder unit."""

    allocated: np.ndarray
    proportional: np.ndarray
    remainder: np.ndarray


def share_remaining(
    table: NeedTable, network: TransportNetwork, served: np.ndarray, limit: int | None
) -> Shares:
    """Give every served need its minimum, then share the most the stock and limit allow.

    The share targets are the largest-remainder apportionment of what remains, in proportion to
    what each asked beyond its minimum. Where fit makes them impossible, each group of needs that
    fit alike gets the feasible total closest to its target, and shares it the same way.
    """
    n_groups = network.groups
    members = np.flatnonzero(served)
    group = table.group[members]
    lower = table.lower[members]
    upper = table.upper[members]
    weight = upper - lower
    group_lower = np.bincount(group, weights=lower, minlength=n_groups).astype(np.int64)
    group_upper = np.bincount(group, weights=upper, minlength=n_groups).astype(np.int64)

    total = network.max_flow(group_upper)
    if limit is not None:
        total = min(total, limit)
    whole, bonus = largest_remainder(total - int(lower.sum()), weight)
    target = lower + whole + bonus
    group_target = np.bincount(group, weights=target, minlength=n_groups).astype(np.int64)
    group_total = closest_feasible_totals(network, group_lower, group_upper, group_target, total)

    allocated = target.copy()
    by_group = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[by_group], np.arange(n_groups + 1))
    for g in np.flatnonzero(group_total != group_target):
        # Rank order within the group is kept by the stable sort, so ties still go to the
        # earlier need.
        rows = by_group[bounds[g] : bounds[g + 1]]
        part_whole, part_bonus = largest_remainder(
            int(group_total[g] - group_lower[g]), weight[rows]
        )
        allocated[rows] = lower[rows] + part_whole + part_bonus

    def per_need(values: np.ndarray) -> np.ndarray:
        full = np.zeros(len(table.needs), dtype=np.int64)
        full[members] = values
        return full

    return Shares(per_need(allocated), per_need(whole), per_need(bonus))


def closest_feasible_totals(
    network: TransportNetwork,
    lower: np.ndarray,
    upper: np.ndarray,
    target: np.ndarray,
    total: int,
) -> np.ndarray:
    """Group totals the stock can serve, within bounds, summing to `total`, closest to `target`.

    Closest means least sum((a - target)^2 / (upper - lower)), so that what fit forces away
    from the targets is spread in proportion to what each group asked (the weighted
    lexicographically optimal base of the transport polymatroid). Solved by decomposition
    over successive max-flows: solve ignoring fit; if some set of groups then wants more than
    the types it fits hold, that set gets exactly those types, and both sides are solved again.
    """
    weight = np.maximum(upper - lower, 1)
    result = np.zeros(network.groups, dtype=np.int64)
    pending = [(np.arange(network.groups), np.ones(network.types, dtype=bool), int(total))]
    while pending:
        groups, types, subtotal = pending.pop()
        if not len(groups):
            if subtotal:
                raise RuntimeError("allocation decomposition left devices without groups")
            continue
        counts = nearest_counts(
            subtotal, lower[groups], upper[groups], target[groups], weight[groups]
        )
        demand = np.zeros(network.groups, dtype=np.int64)
        demand[groups] = counts
        capacity = np.where(types, network.counts, 0)
        overloaded = network.overloaded_groups(demand, capacity)[groups]
        if not overloaded.any():
            result[groups] = counts
            continue
        if overloaded.all():
            raise RuntimeError("allocation decomposition found no feasible split")
        inside = groups[overloaded]
        inside_types = types & network.fit[inside].any(axis=0)
        inside_total = int(network.counts[inside_types].sum())
        pending.append((inside, inside_types, inside_total))
        pending.append((groups[~overloaded], types & ~inside_types, subtotal - inside_total))
    return result
