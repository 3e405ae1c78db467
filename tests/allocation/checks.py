"""Reading a result back for the tests: who got which devices, and the needs' order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from reuse.allocation import AllocationResult, Need


def devices_by_need(result: AllocationResult) -> dict[int, list[int]]:
    """Device ids proposed for each need id (needs with nothing are absent)."""
    by_need: dict[int, list[int]] = defaultdict(list)
    for need_id, device_id in result.lines():
        by_need[need_id].append(device_id)
    return dict(by_need)


def in_rank_order(needs: Sequence[Need]) -> list[Need]:
    """Needs by priority, then submission date, then id: the order the policy names."""
    return sorted(needs, key=lambda n: (n.priority, n.submitted_at, n.id))


def remaining(need: Need) -> tuple[int, int]:
    """What the need may still receive in this wave: (minimum, maximum)."""
    return (
        max(0, need.quantity_min - need.already_received),
        max(0, need.quantity_max - need.already_received),
    )
