"""Waves: a need keeps what earlier waves gave it."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from reuse.allocation import Cause, DeviceClass, allocate

from .strategies import limits, needs, policies, stock


def shifted(classes: list[DeviceClass], offset: int) -> list[DeviceClass]:
    """The same classes with device ids moved out of the way of another stock."""
    return [replace(c, device_ids=tuple(d + offset for d in c.device_ids)) for c in classes]


def left_after(classes: list[DeviceClass], used: set[int]) -> list[DeviceClass]:
    """What stays in stock once `used` devices are gone."""
    return [replace(c, device_ids=tuple(d for d in c.device_ids if d not in used)) for c in classes]


@settings(max_examples=60, deadline=None)
@given(stock(), stock(), needs(), limits, policies)
def test_a_need_keeps_what_earlier_waves_gave_it(first_stock, more_stock, wanted, limit, policy):
    """Over successive waves a need never receives more than its maximum; once its minimum is met
    it is not asked again, and a need already at its maximum is reported as satisfied."""
    first = allocate(first_stock, wanted, limit=limit, policy=policy)
    used = {device_id for _, device_id in first.lines()}
    after = [
        replace(n, already_received=n.already_received + first.outcome(n.id).allocated)
        for n in wanted
    ]
    second_stock = left_after(first_stock, used) + shifted(more_stock, 100_000)
    second = allocate(second_stock, after, policy=policy)
    for need in after:
        outcome = second.outcome(need.id)
        assert need.already_received + outcome.allocated <= need.quantity_max
        if need.already_received >= need.quantity_min:
            assert outcome.remaining_min == 0
        if need.already_received >= need.quantity_max:
            assert outcome.reason.cause is Cause.ALREADY_SATISFIED
        assert outcome.remaining_max == need.quantity_max - min(
            need.already_received, need.quantity_max
        )
