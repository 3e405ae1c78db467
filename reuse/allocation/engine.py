"""The allocation run: select needs, share the stock, pick devices, explain every outcome."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from numbers import Integral

import numpy as np

from reuse.allocation.assign import assign_devices
from reuse.allocation.flow import TransportNetwork
from reuse.allocation.model import (
    AllocationResult,
    Cause,
    DeviceClass,
    Kind,
    Need,
    NeedOutcome,
    Policy,
    Reason,
    Summary,
)
from reuse.allocation.selection import Selection, serve_in_order
from reuse.allocation.sharing import Shares, share_remaining
from reuse.allocation.stock import NeedTable, build_need_table, build_stock


def allocate(
    classes: Iterable[DeviceClass],
    needs: Iterable[Need],
    limit: int | None = None,
    policy: Policy | str = Policy.SPREAD,
) -> AllocationResult:
    """Propose which ready device goes to which need, by the policy of DESIGN section 6.

    :raises ValueError: on an unknown policy, a negative limit, or inconsistent input.
    """
    policy = Policy(policy)
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, Integral) or limit < 0:
            raise ValueError("limit must be a non-negative integer or None")
        limit = int(limit)
    stock = build_stock(classes)
    table = build_need_table(needs, stock)
    network = TransportNetwork(table.fit, stock.counts)

    selection = serve_in_order(table, network, limit, up_to_maximum=policy is Policy.FILL)
    shares = None
    if policy is Policy.SPREAD:
        shares = share_remaining(table, network, selection.served, limit)
        allocated = shares.allocated
    else:
        allocated = selection.given
    need_ids, device_ids = assign_devices(table, stock, network, allocated)

    total = int(allocated.sum())
    limit_reached = limit is not None and total >= limit
    outcomes = tuple(_outcomes(table, selection, shares, allocated, limit_reached))
    not_served = Counter(o.reason.cause for o in outcomes if not o.served)
    stock_total = int(stock.counts.sum())
    fits_nothing = ~network.fit.any(axis=0) if network.groups else np.ones(network.types, bool)
    summary = Summary(
        policy=policy,
        limit=limit,
        stock=stock_total,
        allocated=total,
        left=stock_total - total,
        left_fitting_no_need=int(stock.counts[fits_nothing].sum()),
        needs=len(outcomes),
        needs_served=len(outcomes) - sum(not_served.values()),
        not_served={cause: not_served[cause] for cause in Cause if not_served[cause]},
        limit_reached=limit_reached,
    )
    return AllocationResult(need_ids, device_ids, outcomes, summary)


def _outcomes(
    table: NeedTable,
    selection: Selection,
    shares: Shares | None,
    allocated: np.ndarray,
    limit_reached: bool,
) -> Iterable[NeedOutcome]:
    """One outcome per need, in rank order, with its structured reason."""
    columns = [table.lower, table.upper, allocated]
    if shares is not None:
        columns += [shares.proportional, shares.remainder]
    rows = zip(table.needs, selection.causes, *(c.tolist() for c in columns), strict=True)
    for need, cause, lower, upper, given, *share in rows:
        if cause is None and not given:
            # Served with a minimum already met, yet nothing it fits is left for it.
            cause = Cause.LIMIT if limit_reached else Cause.STOCK
        if cause is not None:
            reason = Reason(Kind.NOT_SERVED, cause)
        elif shares is None:
            reason = Reason(
                Kind.FILLED if given > lower else Kind.MINIMUM, minimum=lower, filled=given - lower
            )
        else:
            proportional, remainder = share
            adjustment = given - lower - proportional - remainder
            if given == lower:
                kind = Kind.MINIMUM
            elif remainder and adjustment >= 0:
                kind = Kind.REMAINDER
            else:
                kind = Kind.PROPORTIONAL_SHARE
            reason = Reason(kind, None, lower, proportional, remainder, adjustment)
        yield NeedOutcome(need.id, need.association_id, given, lower, upper, reason)
