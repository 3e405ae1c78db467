"""The dashboard's figures: stock, waiting at each stage, weekly flow, programme progress.

Each figure is one grouped query, so the page costs the same five queries over any stock size.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reuse.models import (
    Allocation,
    AllocationLine,
    AllocationStatus,
    Device,
    DeviceStatus,
    Need,
    NeedStatus,
    Programme,
)
from reuse.models.base import utcnow
from reuse.services import stock

S = DeviceStatus
#: The stages where a device waits for the next person to act, in lifecycle order.
WAITING_STAGES = (S.COLLECTED, S.RECEIVED, S.REFURBISHING, S.READY)
#: Statuses in which a device has left the warehouse for good.
OUTPUT_STATUSES = (S.DELIVERED, S.RECYCLED)
WEEKS = 12
#: A device waiting longer than this at one stage is counted as late.
LATE_AFTER = timedelta(days=30)


@dataclass(frozen=True)
class StageWait:
    """How many devices wait at a stage, since when, and how many for too long."""

    status: DeviceStatus
    count: int
    oldest: datetime | None
    late: int

    def oldest_days(self, now: datetime) -> int | None:
        """Days the longest-waiting device has spent at this stage."""
        return None if self.oldest is None else max(0, (now - self.oldest).days)


@dataclass(frozen=True)
class WeekFlow:
    """Devices registered (intake) and gone out (delivered or recycled) in one week."""

    starts_on: date
    intake: int
    output: int


@dataclass(frozen=True)
class ProgrammeProgress:
    """A programme's target against what its associations asked, got allocated and received."""

    id: int
    name: str
    target: int
    asked: int
    allocated: int
    delivered: int

    @property
    def percent_delivered(self) -> int:
        """Delivered devices as a whole percentage of the target (0 without a target)."""
        return round(100 * self.delivered / self.target) if self.target else 0

    @property
    def percent_allocated(self) -> int:
        """Allocated or delivered devices as a whole percentage of the target."""
        return round(100 * self.allocated / self.target) if self.target else 0


@dataclass
class Dashboard:
    """Everything the dashboard shows, as of `now`."""

    now: datetime
    counts: stock.StockCounts
    stages: list[StageWait]
    weeks: list[WeekFlow]
    programmes: list[ProgrammeProgress]


def dashboard(session: Session, *, now: datetime | None = None) -> Dashboard:
    """The dashboard's figures as of `now` (default: the current time)."""
    now = now or utcnow()
    return Dashboard(
        now=now,
        counts=stock.counts_by_status_and_category(session),
        stages=waiting(session, now),
        weeks=weekly_flow(session, now.date()),
        programmes=programme_progress(session),
    )


def waiting(session: Session, now: datetime) -> list[StageWait]:
    """Devices at each waiting stage, the oldest arrival and how many are late."""
    late_since = now - LATE_AFTER
    rows = session.execute(
        sa.select(
            Device.status,
            sa.func.count(),
            sa.func.min(Device.status_changed_at),
            sa.func.sum(sa.case((Device.status_changed_at < late_since, 1), else_=0)),
        )
        .where(Device.status.in_(WAITING_STAGES))
        .group_by(Device.status)
    ).all()
    found = {status: (count, oldest, late or 0) for status, count, oldest, late in rows}
    return [StageWait(stage, *found.get(stage, (0, None, 0))) for stage in WAITING_STAGES]


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def weekly_flow(session: Session, today: date, weeks: int = WEEKS) -> list[WeekFlow]:
    """Intake and output per week over the last `weeks` weeks, this one included, oldest first."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    since = datetime.combine(first, time(), tzinfo=UTC)
    intake_day = sa.func.date(Device.created_at, type_=sa.Date)
    output_day = sa.func.date(Device.status_changed_at, type_=sa.Date)
    intake = session.execute(
        sa.select(intake_day, sa.func.count())
        .where(Device.created_at >= since)
        .group_by(intake_day)
    ).all()
    output = session.execute(
        sa.select(output_day, sa.func.count())
        .where(Device.status.in_(OUTPUT_STATUSES), Device.status_changed_at >= since)
        .group_by(output_day)
    ).all()
    starts = [first + timedelta(weeks=n) for n in range(weeks)]
    intake_by_week = _by_week(intake)
    output_by_week = _by_week(output)
    return [
        WeekFlow(start, intake_by_week.get(start, 0), output_by_week.get(start, 0))
        for start in starts
    ]


def _by_week(rows) -> dict[date, int]:
    totals: dict[date, int] = {}
    for day, count in rows:
        if isinstance(day, str):  # SQLite may hand back the text of date()
            day = date.fromisoformat(day)
        start = week_start(day)
        totals[start] = totals.get(start, 0) + count
    return totals


def programme_progress(
    session: Session, programme_ids: list[int] | None = None
) -> list[ProgrammeProgress]:
    """Target, approved maximum asked, allocated and delivered devices of each programme."""
    where = [Programme.id.in_(programme_ids)] if programme_ids is not None else []
    programmes = session.execute(
        sa.select(Programme.id, Programme.name, Programme.target_devices)
        .where(*where)
        .order_by(Programme.starts_on.desc(), Programme.id.desc())
    ).all()
    asked = dict(
        session.execute(
            sa.select(Need.programme_id, sa.func.sum(Need.quantity_max))
            .where(Need.status == NeedStatus.APPROVED)
            .group_by(Need.programme_id)
        ).all()
    )
    given: dict[int, dict[DeviceStatus, int]] = {}
    for programme_id, status, count in session.execute(
        sa.select(Allocation.programme_id, Device.status, sa.func.count())
        .join(AllocationLine, AllocationLine.allocation_id == Allocation.id)
        .join(Device, Device.id == AllocationLine.device_id)
        .where(
            Allocation.status == AllocationStatus.CONFIRMED,
            Device.status.in_((S.ALLOCATED, S.DELIVERED)),
        )
        .group_by(Allocation.programme_id, Device.status)
    ):
        given.setdefault(programme_id, {})[status] = count
    progress = []
    for programme_id, name, target in programmes:
        counts = given.get(programme_id, {})
        delivered = counts.get(S.DELIVERED, 0)
        progress.append(
            ProgrammeProgress(
                id=programme_id,
                name=name,
                target=target,
                asked=int(asked.get(programme_id) or 0),
                allocated=counts.get(S.ALLOCATED, 0) + delivered,
                delivered=delivered,
            )
        )
    return progress
