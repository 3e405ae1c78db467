"""Group totals closest to proportional targets among those the stock can serve."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reuse.allocation.flow import TransportNetwork
from reuse.allocation.sharing import closest_feasible_totals


def servable(fit, counts, demand) -> bool:
    """Hall's condition: every set of groups asks at most what the types it fits hold."""
    for size in range(1, len(demand) + 1):
        for chosen in itertools.combinations(range(len(demand)), size):
            held = sum(c for t, c in enumerate(counts) if any(fit[g][t] for g in chosen))
            if sum(demand[g] for g in chosen) > held:
                return False
    return True


@st.composite
def transport_cases(draw):
    groups, types = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    fit = [[draw(st.booleans()) for _ in range(types)] for _ in range(groups)]
    for row in fit:
        row[draw(st.integers(0, types - 1))] = True
    counts = [draw(st.integers(0, 6)) for _ in range(types)]
    lower = [draw(st.integers(0, 3)) for _ in range(groups)]
    upper = [lo + draw(st.integers(0, 5)) for lo in lower]
    target = [draw(st.integers(lo, hi)) for lo, hi in zip(lower, upper, strict=True)]
    return fit, counts, lower, upper, target, draw(st.integers(0, 100))


@settings(max_examples=150, deadline=None)
@given(transport_cases())
def test_group_totals_are_the_closest_the_stock_can_serve(case):
    """Among all group totals the stock can serve at once, within each group's minimum and
    maximum and adding up to the devices handed out, the engine picks one closest to the
    proportional targets (squared gap weighed by what each group asked beyond its minima)."""
    fit, counts, lower, upper, target, pick = case
    assume(servable(fit, counts, lower))
    network = TransportNetwork(np.array(fit), np.array(counts))
    most = network.max_flow(np.array(upper))
    total = sum(lower) + pick % (most - sum(lower) + 1)
    totals = closest_feasible_totals(
        network, np.array(lower), np.array(upper), np.array(target), total
    ).tolist()
    weight = [max(hi - lo, 1) for lo, hi in zip(lower, upper, strict=True)]

    def cost(values):
        return sum(
            Fraction((v - t) ** 2, w) for v, t, w in zip(values, target, weight, strict=True)
        )

    assert sum(totals) == total and servable(fit, counts, totals)
    assert all(lo <= v <= hi for v, lo, hi in zip(totals, lower, upper, strict=True))
    best = min(
        cost(values)
        for values in itertools.product(
            *(range(lo, hi + 1) for lo, hi in zip(lower, upper, strict=True))
        )
        if sum(values) == total and servable(fit, counts, values)
    )
    assert cost(totals) == best
