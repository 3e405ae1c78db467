"""The spread policy's rules, checked on random stock and needs against independent max-flows."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from reuse.allocation import Cause, DeviceClass, Kind, Need, allocate

from .checks import devices_by_need, in_rank_order, remaining
from .oracle import all_fit, devices_of, fits_by_hand, hamilton, max_devices
from .strategies import cases, contended, limits, needs, policies, stock

SETTINGS = settings(max_examples=120, deadline=None)


@SETTINGS
@given(cases(), limits, policies)
def test_every_line_fits_its_need_and_no_device_goes_twice(case, limit, policy):
    """Every proposed device fits the need it goes to, is a ready device of this stock, is
    proposed at most once, and the run never proposes more devices than the wave limit."""
    classes, wanted = case
    result = allocate(classes, wanted, limit=limit, policy=policy)
    devices = devices_of(classes)
    need_by_id = {n.id: n for n in wanted}
    lines = list(result.lines())
    assert len({device_id for _, device_id in lines}) == len(lines)
    for need_id, device_id in lines:
        assert fits_by_hand(devices[device_id], need_by_id[need_id])
    assert limit is None or len(lines) <= limit
    assert result.summary.allocated == len(lines)
    assert result.summary.left == len(devices) - len(lines)


@SETTINGS
@given(cases(), limits, policies)
def test_each_need_gets_its_minimum_or_nothing(case, limit, policy):
    """A need gets nothing in this wave, or at least what it still lacks to reach its minimum,
    and never more than its maximum minus what earlier waves gave it."""
    classes, wanted = case
    result = allocate(classes, wanted, limit=limit, policy=policy)
    got = devices_by_need(result)
    for need in wanted:
        low, high = remaining(need)
        count = len(got.get(need.id, []))
        assert count == 0 or low <= count <= high
        outcome = result.outcome(need.id)
        assert outcome.allocated == count
        assert outcome.served == (count > 0)


@SETTINGS
@given(cases(), limits, policies)
def test_no_fitting_device_stays_unused_while_a_served_need_wants_more(case, limit, policy):
    """While the wave limit allows, no device stays in stock that fits a served need below its
    maximum, not even by moving devices between needs (a max-flow checks it device by device)."""
    classes, wanted = case
    result = allocate(classes, wanted, limit=limit, policy=policy)
    devices = devices_of(classes)
    got = devices_by_need(result)
    used = {d for ids in got.values() for d in ids}
    served = [n for n in wanted if result.outcome(n.id).served]
    limit_reached = limit is not None and len(used) >= limit
    if not limit_reached:
        for device_id, device in devices.items():
            if device_id in used:
                continue
            for need in served:
                assert not (
                    fits_by_hand(device, need) and len(got[need.id]) < remaining(need)[1]
                ), f"device {device_id} left while need {need.id} is below its maximum"
    best = max_devices(classes, served, {n.id: remaining(n)[1] for n in served})
    assert len(used) == (best if limit is None else min(best, limit))


@SETTINGS
@given(cases(), limits, policies)
def test_a_need_is_passed_over_only_when_needs_before_it_leave_no_room(case, limit, policy):
    """Needs are considered by priority, then submission date, then id, and needs served after
    one play no part in passing it over. It is passed over only when it fits no device, or fewer
    devices fit it than its minimum, or the wave limit is reached, or its minimum no longer fits
    beside what the needs served before it keep (their minima with spread, all they get with
    fill), or earlier waves already gave it its maximum. A need whose minimum is already met
    and that gets nothing more is told so only when every device it fits is taken, or the
    limit is reached."""
    classes, wanted = case
    result = allocate(classes, wanted, limit=limit, policy=policy)
    devices = devices_of(classes)
    used = {device_id for _, device_id in result.lines()}
    kept = {}
    for need in in_rank_order(wanted):
        outcome = result.outcome(need.id)
        low, high = remaining(need)
        fitting = [d for d, device in devices.items() if fits_by_hand(device, need)]
        if outcome.served:
            kept[need] = low if policy == "spread" else outcome.allocated
            continue
        cause = outcome.reason.cause
        if cause is Cause.ALREADY_SATISFIED:
            assert high == 0
        elif cause is Cause.FIT:
            assert high > 0 and not fitting
        elif cause is Cause.STOCK:
            assert len(fitting) < low if low else set(fitting) <= used
        elif cause is Cause.LIMIT:
            assert limit is not None
            assert sum(kept.values()) + low > limit if low else len(used) == limit
        else:
            assert cause is Cause.PRIORITY
            assert low <= len(fitting)
            assert not all_fit(classes, {**kept, need: max(low, 1)})


@SETTINGS
@given(cases(), limits, policies)
def test_every_outcome_adds_up_to_what_the_need_gets(case, limit, policy):
    """Each need has one outcome: its parts (minimum, proportional share, remainder unit,
    adjustment for fit, fill) add up to what it gets, and its kind says which part explains it."""
    classes, wanted = case
    result = allocate(classes, wanted, limit=limit, policy=policy)
    assert sorted(o.need_id for o in result.outcomes) == sorted(n.id for n in wanted)
    for outcome in result.outcomes:
        reason = outcome.reason
        parts = (
            reason.minimum
            + reason.proportional
            + reason.remainder
            + reason.adjustment
            + reason.filled
        )
        if outcome.served:
            assert reason.cause is None
            assert parts == outcome.allocated
            assert reason.minimum == outcome.remaining_min
            assert reason.remainder in (0, 1)
            if policy == "fill":
                assert reason.kind in (Kind.MINIMUM, Kind.FILLED)
            else:
                assert reason.kind in (Kind.MINIMUM, Kind.PROPORTIONAL_SHARE, Kind.REMAINDER)
        else:
            assert reason.kind is Kind.NOT_SERVED and reason.cause is not None
            assert outcome.allocated == 0


@settings(max_examples=60, deadline=None)
@given(cases(), limits, policies, st.randoms(use_true_random=False))
def test_same_input_gives_the_same_proposal_in_any_order(case, limit, policy, rng):
    """The same stock and needs give the same proposal, whatever order they come in (needs,
    classes, device ids within a class) and however often the run is repeated."""
    classes, wanted = case
    first = allocate(classes, wanted, limit=limit, policy=policy)
    again = allocate(classes, wanted, limit=limit, policy=policy)
    shuffled_classes = [
        DeviceClass(
            c.category,
            c.grade,
            c.ram_gb,
            c.storage_gb,
            c.has_kit,
            c.warehouse_id,
            tuple(rng.sample(list(c.device_ids), len(c.device_ids))),
        )
        for c in classes
    ]
    rng.shuffle(shuffled_classes)
    shuffled_needs = list(wanted)
    rng.shuffle(shuffled_needs)
    moved = allocate(shuffled_classes, shuffled_needs, limit=limit, policy=policy)
    for other in (again, moved):
        assert list(other.lines()) == list(first.lines())
        assert other.outcomes == first.outcomes
        assert other.summary == first.summary


@SETTINGS
@given(stock(plain=True, max_classes=2, max_count=25), needs(plain=True, max_needs=8), limits)
def test_without_constraints_shares_are_the_largest_remainder_apportionment(classes, wanted, limit):
    """When every device fits every need, needs are served in order while their minima fit in
    the stock and the limit; what remains is shared in proportion to what each asked beyond
    its minimum, rounded by largest remainder (ties to the need considered first)."""
    result = allocate(classes, wanted, limit=limit)
    room = sum(c.count for c in classes)
    if limit is not None:
        room = min(room, limit)
    served, taken = [], 0
    for need in in_rank_order(wanted):
        low, high = remaining(need)
        if high > 0 and room > 0 and taken + low <= room:
            served.append(need)
            taken += low
    lows = [remaining(n)[0] for n in served]
    highs = [remaining(n)[1] for n in served]
    total = min(room, sum(highs))
    shares = hamilton(total - sum(lows), [h - lo for lo, h in zip(lows, highs, strict=True)])
    expected = {n.id: lo + s for n, lo, s in zip(served, lows, shares, strict=True)}
    for need in wanted:
        assert result.outcome(need.id).allocated == expected.get(need.id, 0)
        assert result.outcome(need.id).reason.adjustment == 0


@settings(max_examples=100, deadline=None)
@given(contended(), limits)
def test_with_constraints_no_single_move_brings_shares_closer_to_proportional(case, limit):
    """When fit constrains, shares stay as close to proportional as fit allows: moving one device
    from one group of needs (needs that fit the same devices) to another never brings the two
    closer to their proportional targets, weighed by what each group asked beyond its minima."""
    classes, wanted = case
    result = allocate(classes, wanted, limit=limit)
    devices = devices_of(classes)
    # Needs whose minimum was already met share too, even when their share came out as nothing.
    served = [
        n
        for n in in_rank_order(wanted)
        if result.outcome(n.id).served
        or (
            remaining(n)[0] == 0 and result.outcome(n.id).reason.cause in (Cause.STOCK, Cause.LIMIT)
        )
    ]
    if not served:
        return
    lows = [remaining(n)[0] for n in served]
    highs = [remaining(n)[1] for n in served]
    total = sum(result.outcome(n.id).allocated for n in served)
    shares = hamilton(total - sum(lows), [h - lo for lo, h in zip(lows, highs, strict=True)])

    groups: dict[frozenset, dict] = {}
    for need, low, high, share in zip(served, lows, highs, shares, strict=True):
        key = frozenset(d for d, c in devices.items() if fits_by_hand(c, need))
        group = groups.setdefault(key, {"need": need, "low": 0, "high": 0, "target": 0, "got": 0})
        group["low"] += low
        group["high"] += high
        group["target"] += low + share
        group["got"] += result.outcome(need.id).allocated
    ordered = list(groups.values())

    def cost(group: dict, got: int) -> Fraction:
        return Fraction((got - group["target"]) ** 2, max(group["high"] - group["low"], 1))

    for giver in ordered:
        for taker in ordered:
            if giver is taker or giver["got"] <= giver["low"] or taker["got"] >= taker["high"]:
                continue
            demands = {g["need"]: g["got"] for g in ordered}
            demands[giver["need"]] -= 1
            demands[taker["need"]] += 1
            if not all_fit(classes, demands):
                continue
            before = cost(giver, giver["got"]) + cost(taker, taker["got"])
            after = cost(giver, giver["got"] - 1) + cost(taker, taker["got"] + 1)
            assert after >= before


def test_needs_alike_in_priority_and_date_are_taken_by_id():
    """Two needs alike in priority and date are taken by id, so the lower id is served first."""
    stock_ = [DeviceClass("desktop", "B", 8, 256, True, 1, tuple(range(10)))]
    day = datetime(2026, 1, 5)
    twins = [Need(i, i, "desktop", 6, 6, 2, day) for i in (7, 3)]
    for order in (twins, twins[::-1]):
        result = allocate(stock_, order)
        assert result.outcome(3).allocated == 6
        assert result.outcome(7).reason.cause is Cause.PRIORITY
