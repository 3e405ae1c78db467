"""Integer shares: largest remainder, and the integer point closest to targets."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reuse.allocation.apportion import largest_remainder, nearest_counts

from .oracle import hamilton


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=12), st.data())
def test_largest_remainder_is_hamilton_apportionment(weights, data):
    """Each share is the whole part of its exact quota, and the units left go to the largest
    remainders, the need considered first winning a tie."""
    total = data.draw(st.integers(0, sum(weights)) if sum(weights) else st.just(0))
    whole, bonus = largest_remainder(total, np.array(weights))
    assert (whole + bonus).tolist() == hamilton(total, weights)
    assert int((whole + bonus).sum()) == total
    assert set(bonus.tolist()) <= {0, 1}


def test_largest_remainder_with_huge_quotas_stays_exact():
    """Shares of a national programme are exact: 1,000,000 devices among 3 equal asks."""
    whole, bonus = largest_remainder(1_000_000, np.array([7, 7, 7]))
    assert (whole + bonus).tolist() == [333_334, 333_333, 333_333]


def test_largest_remainder_refuses_to_share_among_nobody():
    """A positive total with no weight to share it by is an error, not a silent zero."""
    with pytest.raises(ValueError):
        largest_remainder(3, np.array([0, 0]))


def _closest_by_search(total, lower, upper, target, weight):
    best = None
    for counts in itertools.product(
        *(range(lo, hi + 1) for lo, hi in zip(lower, upper, strict=True))
    ):
        if sum(counts) != total:
            continue
        cost = sum(
            Fraction((c - t) ** 2, w) for c, t, w in zip(counts, target, weight, strict=True)
        )
        if best is None or cost < best:
            best = cost
    return best


@st.composite
def bounded_targets(draw):
    size = draw(st.integers(1, 4))
    lower = [draw(st.integers(0, 3)) for _ in range(size)]
    upper = [lo + draw(st.integers(0, 5)) for lo in lower]
    target = [draw(st.integers(lo, hi)) for lo, hi in zip(lower, upper, strict=True)]
    weight = [draw(st.integers(1, 9)) for _ in range(size)]
    total = draw(st.integers(sum(lower), sum(upper)))
    return total, lower, upper, target, weight


@settings(max_examples=200, deadline=None)
@given(bounded_targets())
def test_nearest_counts_is_the_closest_point_to_the_targets(case):
    """Within the bounds and with the required total, no other split is closer to the targets
    (squared distance, weighed by what each asked)."""
    total, lower, upper, target, weight = case
    counts = nearest_counts(total, *(np.array(v) for v in (lower, upper, target, weight)))
    assert int(counts.sum()) == total
    assert all(lo <= c <= hi for c, lo, hi in zip(counts.tolist(), lower, upper, strict=True))
    cost = sum(
        Fraction((c - t) ** 2, w) for c, t, w in zip(counts.tolist(), target, weight, strict=True)
    )
    assert cost == _closest_by_search(*case)


def test_nearest_counts_spreads_a_large_surplus_in_proportion():
    """300,000 extra devices over targets, weights 1 : 2 : 3: they go 50,000 : 100,000 : 150,000."""
    counts = nearest_counts(
        300_000,
        np.zeros(3, dtype=np.int64),
        np.full(3, 10**6),
        np.zeros(3, dtype=np.int64),
        np.array([1, 2, 3]),
    )
    assert counts.tolist() == [50_000, 100_000, 150_000]
