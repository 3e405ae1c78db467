"""Rule 1, eligibility: one rule for one pair and for a whole table."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reuse.allocation import DeviceClass, Need, fit_matrix, fits

from .oracle import fits_by_hand
from .strategies import needs, stock

DEVICE = DeviceClass("desktop", "B", 8, 256, True, 1, (1,))


def ask(**overrides) -> Need:
    fields = dict(
        id=1,
        association_id=1,
        category="desktop",
        quantity_min=1,
        quantity_max=2,
        priority=1,
        submitted_at=datetime(2026, 1, 1),
    )
    fields.update(overrides)
    return Need(**fields)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, True),
        ({"category": "laptop"}, False),
        ({"min_ram_gb": 8}, True),
        ({"min_ram_gb": 16}, False),
        ({"min_storage_gb": 256}, True),
        ({"min_storage_gb": 512}, False),
        ({"min_grade": "C"}, True),
        ({"min_grade": "B"}, True),
        ({"min_grade": "A"}, False),
        ({"needs_kit": True}, True),
    ],
)
def test_a_grade_b_8_gb_desktop_with_kit(overrides, expected):
    """A grade B desktop with 8 GB, 256 GB and its kit fits asks at or below those, not above."""
    assert fits(DEVICE, ask(**overrides)) is expected


def test_a_need_for_a_kit_refuses_a_desktop_without_one():
    """Keyboard and mouse must be recorded when the need asks for them."""
    bare = DeviceClass("desktop", "A", 16, 512, False, 1, (1,))
    assert not fits(bare, ask(needs_kit=True))
    assert fits(bare, ask())


@settings(max_examples=100, deadline=None)
@given(stock(), needs())
def test_the_table_says_the_same_as_the_rule(classes, wanted):
    """The table used for whole stocks agrees with the rule for one device and one need, and
    with the rule as the policy words it."""
    table = fit_matrix(wanted, classes)
    assert table.shape == (len(wanted), len(classes))
    for i, need in enumerate(wanted):
        for j, device in enumerate(classes):
            assert table[i, j] == fits(device, need) == fits_by_hand(device, need)


def test_the_table_of_nothing_is_empty():
    """No needs or no devices give an empty table of the right shape."""
    assert fit_matrix([], [DEVICE]).shape == (0, 1)
    assert fit_matrix([ask()], []).shape == (1, 0)


@given(st.sampled_from(["A", "B", "C"]), st.sampled_from(["A", "B", "C"]))
def test_grade_fits_when_at_least_as_good(device_grade, min_grade):
    """A is better than B, which is better than C."""
    device = DeviceClass("desktop", device_grade, 8, 256, True, 1, (1,))
    assert fits(device, ask(min_grade=min_grade)) is (device_grade <= min_grade)
