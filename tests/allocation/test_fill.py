"""The fill policy: needs in order, each up to its maximum before the next."""

from __future__ import annotations

from hypothesis import given, settings

from reuse.allocation import allocate

from .checks import in_rank_order, remaining
from .oracle import all_fit
from .strategies import cases, limits


@settings(max_examples=120, deadline=None)
@given(cases(), limits)
def test_fill_gives_each_need_all_it_can_before_the_next(case, limit):
    """With fill, needs are taken in order and each gets as much as it can, up to its maximum,
    before the next one is looked at: a served need below its maximum could not have had one more
    device beside what the needs before it keep, unless the wave limit was reached."""
    classes, wanted = case
    result = allocate(classes, wanted, limit=limit, policy="fill")
    kept = {}
    for need in in_rank_order(wanted):
        outcome = result.outcome(need.id)
        if not outcome.served:
            continue
        got = outcome.allocated
        if got < remaining(need)[1]:
            at_limit = limit is not None and sum(kept.values()) + got == limit
            assert at_limit or not all_fit(classes, {**kept, need: got + 1})
        kept[need] = got
