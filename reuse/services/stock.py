"""What is in stock: counts for the home page and reports."""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reuse.models import Device


@dataclass
class StockCounts:
    """Device counts by (status, category), with the totals by status."""

    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    total: int = 0


def counts_by_status_and_category(session: Session) -> StockCounts:
    """Count devices by status and category in one grouped query."""
    rows = session.execute(
        select(Device.status, Device.category, func.count()).group_by(
            Device.status, Device.category
        )
    )
    counts = StockCounts()
    for status, category, count in rows:
        counts.cells[(status.value, category.value)] = count
        counts.by_status[status.value] = counts.by_status.get(status.value, 0) + count
        counts.total += count
    return counts
