"""Integer shares: largest remainder (Hamilton), and the integer point closest to targets."""

from __future__ import annotations

import heapq
from fractions import Fraction

import numpy as np

_INT64_SAFE = 2**62


def largest_remainder(total: int, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Share `total` in proportion to `weights`: (whole parts, 0/1 remainder units).

    Remainder ties go to the earlier index.
    """
    weights = np.asarray(weights, dtype=np.int64)
    whole = np.zeros(len(weights), dtype=np.int64)
    bonus = np.zeros(len(weights), dtype=np.int64)
    weight_sum = int(weights.sum())
    if total == 0:
        return whole, bonus
    if weight_sum <= 0:
        raise ValueError("cannot share a positive total among zero weights")
    if total * int(weights.max()) >= _INT64_SAFE:
        raise ValueError("total too large to share exactly")
    scaled = total * weights
    whole = scaled // weight_sum
    left_over = scaled % weight_sum
    units = total - int(whole.sum())
    order = np.lexsort((np.arange(len(weights)), -left_over))
    bonus[order[:units]] = 1
    return whole, bonus


def nearest_counts(
    total: int, lower: np.ndarray, upper: np.ndarray, target: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    """Integers within [lower, upper] summing to `total` that minimise sum((a - target)^2 / weight).

    Moving away from a target costs (2j - 1) / weight for the j-th unit, so the units are handed
    out (or taken back) like seats in a Sainte-Lague count: proportionally to the weights.
    Ties go to the earlier index when adding and are taken from the later index when removing.
    """
    lower = np.asarray(lower, dtype=np.int64)
    upper = np.asarray(upper, dtype=np.int64)
    counts = np.asarray(target, dtype=np.int64).copy()
    weight = np.asarray(weight, dtype=np.int64)
    if not (lower.sum() <= total <= upper.sum()):
        raise ValueError("total outside the sum of the bounds")
    if np.any(counts < lower) or np.any(counts > upper):
        raise ValueError("targets must lie within their bounds")
    missing = total - int(counts.sum())
    if missing > 0:
        counts += _sainte_lague(missing, upper - counts, weight)
    elif missing < 0:
        counts -= _sainte_lague(-missing, counts - lower, weight, ties_to_last=True)
    return counts


def _sainte_lague(
    units: int, caps: np.ndarray, weight: np.ndarray, ties_to_last: bool = False
) -> np.ndarray:
    """How many of `units` each index takes, its j-th unit costing (2j - 1) / weight."""
    if units > int(caps.sum()):
        raise ValueError("more units than room")
    if np.any(weight[caps > 0] <= 0):
        raise ValueError("an index with room needs a positive weight")
    taken = np.zeros(len(caps), dtype=np.int64)
    active = np.flatnonzero(caps > 0)
    if units == 0 or len(active) == 0:
        return taken
    cap = caps[active]
    w = weight[active].astype(np.float64)

    def count_at(price: float) -> np.ndarray:
        return np.minimum(cap, np.floor((price * w + 1.0) / 2.0).astype(np.int64))

    # Float bisection finds a price that leaves only near-ties undecided; those are settled
    # exactly below with fractions, after stepping one unit back per index to absorb rounding.
    low, high = 0.0, float(np.max((2 * cap - 1) / w))
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle <= low or middle >= high:
            break
        if int(count_at(middle).sum()) <= units:
            low = middle
        else:
            high = middle
    base = np.maximum(count_at(low) - 1, 0)
    rest = units - int(base.sum())
    if rest < 0:
        raise RuntimeError("Sainte-Lague bisection overshot")
    sign = -1 if ties_to_last else 1
    heap = [
        (Fraction(2 * int(b) + 1, int(wi)), sign * i, i)
        for i, (b, c, wi) in enumerate(zip(base, cap, weight[active], strict=True))
        if b < c
    ]
    heapq.heapify(heap)
    for _ in range(rest):
        _, tie, i = heapq.heappop(heap)
        base[i] += 1
        if base[i] < cap[i]:
            heapq.heappush(heap, (Fraction(2 * int(base[i]) + 1, int(weight[active[i]])), tie, i))
    taken[active] = base
    return taken
