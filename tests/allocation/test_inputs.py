"""Bad input is refused with a clear error; empty input gives an empty proposal."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from reuse.allocation import DeviceClass, Need, allocate

DAY = datetime(2026, 2, 2)


def desktops(ids) -> DeviceClass:
    return DeviceClass("desktop", "B", 8, 256, True, 1, tuple(ids))


def ask(need_id: int = 1, **overrides) -> Need:
    fields = dict(
        id=need_id,
        association_id=1,
        category="desktop",
        quantity_min=1,
        quantity_max=3,
        priority=1,
        submitted_at=DAY,
    )
    fields.update(overrides)
    return Need(**fields)


@pytest.mark.parametrize(
    "overrides",
    [
        {"quantity_min": 4, "quantity_max": 3},
        {"quantity_min": -1},
        {"priority": 0},
        {"priority": 6},
        {"min_grade": "D"},
        {"already_received": -2},
    ],
)
def test_an_inconsistent_need_is_refused(overrides):
    """A need with min above max, a negative count, a priority outside 1-5 or an unknown grade."""
    with pytest.raises(ValueError):
        ask(**overrides)


def test_an_unknown_grade_of_device_is_refused():
    """Devices are graded A, B or C."""
    with pytest.raises(ValueError):
        DeviceClass("desktop", "E", 8, 256, True, 1, (1,))


@pytest.mark.parametrize("limit", [-1, 2.5, 3.0, True, "4"])
def test_a_limit_must_be_a_count(limit):
    """The wave limit is a whole number of devices, zero or more."""
    with pytest.raises(ValueError):
        allocate([desktops([1])], [ask()], limit=limit)


def test_an_unknown_policy_is_refused():
    """Only spread and fill exist."""
    with pytest.raises(ValueError):
        allocate([desktops([1])], [ask()], policy="random")


def test_two_needs_with_one_id_are_refused():
    with pytest.raises(ValueError):
        allocate([desktops([1])], [ask(1), ask(1, association_id=2)])


def test_a_device_in_two_classes_is_refused():
    """A device listed twice could be handed out twice."""
    laptops = DeviceClass("laptop", "B", 8, 256, False, 1, (5, 6))
    with pytest.raises(ValueError):
        allocate([desktops([1, 5]), laptops], [ask()])


def test_nothing_in_gives_nothing_out():
    """No stock or no needs: an empty proposal, every need explained."""
    empty = allocate([], [])
    assert list(empty.lines()) == [] and empty.outcomes == ()
    no_stock = allocate([desktops([])], [ask()])
    assert no_stock.outcome(1).reason.cause.value == "fit"
    no_needs = allocate([desktops([1, 2])], [])
    assert no_needs.summary.left == 2 and no_needs.summary.left_fitting_no_need == 2


def test_device_ids_may_come_as_an_array_in_any_order():
    """A NumPy array of ids works like a tuple; devices still go out lowest id first."""
    stock = DeviceClass("desktop", "B", 8, 256, True, 1, np.array([9, 3, 7]))
    result = allocate([stock], [ask(quantity_min=2, quantity_max=2)])
    assert result.devices_for(1).tolist() == [3, 7]


def test_the_proposal_cannot_be_changed_in_place():
    """The arrays of a result are read-only: a proposal is a value."""
    result = allocate([desktops([1, 2])], [ask()])
    with pytest.raises(ValueError):
        result.device_ids[0] = 99
