"""Worked examples a coordinator can check by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from reuse.allocation import Cause, DeviceClass, Kind, Need, Reason, allocate

DAY = datetime(2026, 1, 12, 10, 0)


def desktops(count: int, first_id: int = 1, warehouse: int = 1, **overrides) -> DeviceClass:
    """`count` grade B desktops with keyboard and mouse, 8 GB, 256 GB."""
    fields = dict(
        category="desktop",
        grade="B",
        ram_gb=8,
        storage_gb=256,
        has_kit=True,
        warehouse_id=warehouse,
        device_ids=tuple(range(first_id, first_id + count)),
    )
    fields.update(overrides)
    return DeviceClass(**fields)


def need(need_id: int, low: int, high: int, priority: int = 1, **overrides) -> Need:
    """A need of association 1000 + id, submitted `id` minutes after the first."""
    fields = dict(
        id=need_id,
        association_id=1000 + need_id,
        category="desktop",
        quantity_min=low,
        quantity_max=high,
        priority=priority,
        submitted_at=DAY + timedelta(minutes=need_id),
    )
    fields.update(overrides)
    return Need(**fields)


def test_486_desktops_for_27_associations_asking_10_to_30_give_18_each():
    """486 desktops, 27 associations asking 10 to 30: each gets its 10, and the 216 left are
    shared equally as all asked 20 beyond their minimum: 8 more each, 18 in all."""
    result = allocate([desktops(486)], [need(i, 10, 30) for i in range(1, 28)])
    assert [o.allocated for o in result.outcomes] == [18] * 27
    assert {o.reason for o in result.outcomes} == {
        Reason(Kind.PROPORTIONAL_SHARE, minimum=10, proportional=8)
    }
    assert result.summary.allocated == 486 and result.summary.left == 0


def test_unequal_asks_share_by_largest_remainder():
    """486 desktops, 27 associations asking 10 to 20, 25 or 30 in turn: the 216 left after the
    minima are shared as 10 : 15 : 20, that is 5.33, 8 and 10.67 each; the whole parts leave 9
    desktops, which go to the 9 largest remainders (the 0.67 ones): 15, 18 and 21 desktops."""
    asks = [need(i, 10, (20, 25, 30)[i % 3]) for i in range(27)]
    result = allocate([desktops(486)], asks)
    by_max = {n.quantity_max: result.outcome(n.id) for n in asks}
    assert by_max[20].allocated == 15 and by_max[20].reason.proportional == 5
    assert by_max[25].allocated == 18 and by_max[25].reason.remainder == 0
    assert by_max[30].allocated == 21 and by_max[30].reason.kind is Kind.REMAINDER
    assert result.summary.allocated == 486


def test_a_wave_limit_serves_as_many_associations_as_possible_with_spread():
    """1,000 desktops for 60 associations asking 10 to 30, first wave limited to 486: spread
    gives 48 associations their 10 (27 of priority 1 first, then 21 of priority 2), and the 6
    left go one each to the first 6 in order; the 12 others wait for the next wave."""
    asks = [need(i, 10, 30, priority=1 if i <= 27 else 2) for i in range(1, 61)]
    result = allocate([desktops(1000)], asks, limit=486)
    got = [o.allocated for o in result.outcomes]
    assert got == [11] * 6 + [10] * 42 + [0] * 12
    assert {o.reason.cause for o in result.outcomes[48:]} == {Cause.LIMIT}
    assert result.summary.needs_served == 48 and result.summary.limit_reached


def test_fill_gives_whole_orders_to_fewer_associations():
    """The same first wave with fill: 16 associations get their 30; 6 desktops would be left
    for the 17th, below its minimum of 10, so it and the others wait."""
    asks = [need(i, 10, 30, priority=1 if i <= 27 else 2) for i in range(1, 61)]
    result = allocate([desktops(1000)], asks, limit=486, policy="fill")
    got = [o.allocated for o in result.outcomes]
    assert got == [30] * 16 + [0] * 44
    assert result.summary.allocated == 480
    assert result.outcomes[16].reason.cause is Cause.LIMIT


def test_fit_moves_a_share_to_the_need_that_can_use_the_devices():
    """10 laptops with 16 GB and 10 with 8 GB. One association needs 2 to 20 laptops of 16 GB,
    another 2 to 12 of any kind. Proportional targets (18 : 10 of the 16 left) would be 12 and
    8, but only 10 laptops have 16 GB: the first gets all 10 of them, the second the 10 others."""
    stock = [
        desktops(10, 1, category="laptop", ram_gb=16, grade="A"),
        desktops(10, 101, category="laptop", ram_gb=8),
    ]
    asks = [
        need(1, 2, 20, category="laptop", min_ram_gb=16),
        need(2, 2, 12, category="laptop"),
    ]
    result = allocate(stock, asks)
    first, second = result.outcome(1), result.outcome(2)
    assert (first.allocated, first.reason.target, first.reason.adjustment) == (10, 12, -2)
    assert (second.allocated, second.reason.target, second.reason.adjustment) == (10, 8, 2)
    assert set(result.devices_for(1).tolist()) == set(range(1, 11))


def test_kit_and_grade_are_respected():
    """A need asking for keyboard and mouse and at least grade B gets neither the desktops
    without a kit nor the grade C ones, even when they are all that is left."""
    stock = [
        desktops(5, 1, grade="A"),
        desktops(5, 11, has_kit=False, grade="A"),
        desktops(5, 21, grade="C"),
    ]
    result = allocate(stock, [need(1, 1, 15, needs_kit=True, min_grade="B")])
    assert sorted(result.devices_for(1).tolist()) == [1, 2, 3, 4, 5]
    assert result.summary.left_fitting_no_need == 10


@pytest.mark.parametrize(
    ("ask", "cause"),
    [
        (dict(category="tablet"), Cause.FIT),
        (dict(quantity_min=25, quantity_max=30), Cause.STOCK),
        (dict(quantity_min=15, quantity_max=20), Cause.PRIORITY),
        (dict(already_received=30), Cause.ALREADY_SATISFIED),
    ],
)
def test_a_need_not_served_says_why(ask, cause):
    """After a priority 1 need took 10 of 20 desktops: a tablet need fits nothing, a need of at
    least 25 is more than all the stock, a need of at least 15 no longer fits beside the first,
    and a need already given its 30 is satisfied."""
    first = need(1, 10, 10)
    other = need(2, 1, 30, priority=2, **ask)
    result = allocate([desktops(20)], [first, other])
    assert result.outcome(2).reason.cause is cause
    assert result.outcome(1).allocated == 10


def test_wave_limit_reached_is_the_reason_for_the_next_need():
    """With a limit of 25 and needs of at least 10, the third need is not served: the limit."""
    result = allocate([desktops(100)], [need(i, 10, 10) for i in (1, 2, 3)], limit=25)
    assert [o.allocated for o in result.outcomes] == [10, 10, 0]
    assert result.outcome(3).reason.cause is Cause.LIMIT


def test_second_wave_does_not_ask_a_met_minimum_again():
    """An association that received 12 (minimum 10, maximum 30) in the first wave asks 0 to 18
    in the second; one that received 30 is satisfied."""
    asks = [need(1, 10, 30, already_received=12), need(2, 10, 30, already_received=30)]
    result = allocate([desktops(50)], asks)
    assert (result.outcome(1).remaining_min, result.outcome(1).remaining_max) == (0, 18)
    assert result.outcome(1).allocated == 18
    assert result.outcome(2).reason.cause is Cause.ALREADY_SATISFIED


def test_devices_are_handed_out_lowest_id_first_warehouse_by_warehouse():
    """Devices go out by warehouse, then lowest id first, and each need's devices follow on."""
    stock = [desktops(3, 20, warehouse=2), desktops(3, 1, warehouse=1)]
    result = allocate(stock, [need(1, 2, 2), need(2, 3, 3)])
    assert result.devices_for(1).tolist() == [1, 2]
    assert result.devices_for(2).tolist() == [3, 20, 21]
