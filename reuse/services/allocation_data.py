"""Reading what a run needs and writing what it proposes, fast enough for a national wave.

The ready stock is read as classes of interchangeable devices in one grouped query; the needs
with what earlier confirmed waves still hold for them; a draft's lines are written with the
driver's bulk path, and its outcomes as a summary a person can review.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from reuse.allocation import (
    AllocationResult,
    DeviceClass,
    Kind,
    Need,
    NeedOutcome,
    fit_matrix,
)
from reuse.models import (
    Allocation,
    AllocationLine,
    AllocationStatus,
    Association,
    Device,
    DeviceStatus,
    NeedStatus,
)
from reuse.models import Need as NeedRow
from reuse.models.devices import KIT, parse_accessories

S = AllocationStatus
#: Device statuses in which a device is held by the confirmed allocation that gave it.
HELD = (DeviceStatus.ALLOCATED, DeviceStatus.DELIVERED)


def read_stock(session: Session) -> list[DeviceClass]:
    """Every ready device, as classes of interchangeable devices per warehouse.

    One grouped query gives each class with its device ids as one string (group_concat or
    string_agg): the database does the grouping, Python parses one string per class. The kit
    is read from the accessories by the model's own rule, once per distinct text.
    """
    as_text = sa.String()
    keys = (
        sa.type_coerce(Device.category, as_text),
        sa.type_coerce(Device.grade, as_text),
        func.coalesce(Device.ram_gb, 0),
        func.coalesce(Device.storage_gb, 0),
        func.coalesce(Device.accessories, ""),
        func.coalesce(Device.warehouse_id, 0),
    )
    rows = session.execute(
        select(*keys, func.aggregate_strings(sa.cast(Device.id, as_text), ","))
        .where(Device.status == DeviceStatus.READY, Device.grade.is_not(None))
        .group_by(*keys)
    )
    kit: dict[str, bool] = {}
    classes = []
    for category, grade, ram_gb, storage_gb, accessories, warehouse_id, ids in rows:
        if accessories not in kit:
            kit[accessories] = parse_accessories(accessories) >= KIT
        device_ids = np.sort(np.array(ids.split(","), dtype=np.int64))
        classes.append(
            DeviceClass(
                category, grade, ram_gb, storage_gb, kit[accessories], warehouse_id, device_ids
            )
        )
    return classes


def read_needs(session: Session, programme_id: int) -> list[Need]:
    """The programme's approved needs of active associations, with what earlier waves gave."""
    received = dict(
        session.execute(
            held_lines(programme_id, AllocationLine.need_id, func.count()).group_by(
                AllocationLine.need_id
            )
        ).all()
    )
    rows = session.execute(
        select(
            NeedRow.id,
            NeedRow.association_id,
            sa.type_coerce(NeedRow.category, sa.String()),
            NeedRow.quantity_min,
            NeedRow.quantity_max,
            NeedRow.priority,
            NeedRow.submitted_at,
            NeedRow.min_ram_gb,
            NeedRow.min_storage_gb,
            sa.type_coerce(NeedRow.min_grade, sa.String()),
            NeedRow.needs_kit,
        )
        .join(Association, Association.id == NeedRow.association_id)
        .where(
            NeedRow.programme_id == programme_id,
            NeedRow.status == NeedStatus.APPROVED,
            Association.active.is_(True),
        )
    )
    return [Need(*row, already_received=received.get(row[0], 0)) for row in rows]


def held_lines(programme_id: int, *columns) -> sa.Select:
    """`columns` of the lines of the programme's confirmed allocations whose device that
    allocation still holds.

    A device is held by the latest confirmed allocation that names it, while it is allocated
    or delivered: one recycled, or returned and given anew, no longer counts for the need.
    """
    later_line = aliased(AllocationLine)
    later = aliased(Allocation)
    newer = (
        select(later_line.id)
        .join(later, later.id == later_line.allocation_id)
        .where(
            later_line.device_id == AllocationLine.device_id,
            later.status == S.CONFIRMED,
            sa.or_(
                later.decided_at > Allocation.decided_at,
                sa.and_(later.decided_at == Allocation.decided_at, later.id > Allocation.id),
            ),
        )
    )
    return (
        select(*columns)
        .select_from(AllocationLine)
        .join(Allocation, Allocation.id == AllocationLine.allocation_id)
        .join(Device, Device.id == AllocationLine.device_id)
        .where(
            Allocation.programme_id == programme_id,
            Allocation.status == S.CONFIRMED,
            Device.status.in_(HELD),
            ~newer.exists(),
        )
        # Never correlated with an enclosing query, which may read the same tables.
        .correlate(None)
    )


def summarise(result: AllocationResult, needs: Sequence[Need], classes: Sequence[DeviceClass]):
    """What the run decided and why, per need in the order considered, for review and reports."""
    by_id = {need.id: need for need in needs}
    fitting = _fitting_stock(needs, classes)
    records = []
    for rank, outcome in enumerate(result.outcomes):
        need = by_id[outcome.need_id]
        records.append(need_record(rank, need, outcome, fitting[need.id]))
    served = [record for record in records if record["reason"]["kind"] != Kind.NOT_SERVED]
    engine = result.summary
    return {
        "totals": {
            "stock": engine.stock,
            "allocated": engine.allocated,
            "left": engine.left,
            "left_fitting_no_need": engine.left_fitting_no_need,
            "needs": engine.needs,
            "needs_served": engine.needs_served,
            "not_served": {cause.value: count for cause, count in engine.not_served.items()},
            "limit_reached": engine.limit_reached,
        },
        "shared": sum(r["reason"]["proportional"] + r["reason"]["remainder"] for r in served),
        "asked_beyond": sum(r["remaining_max"] - r["remaining_min"] for r in served),
        "needs": records,
    }


def need_record(rank: int, need: Need, outcome: NeedOutcome, fitting: int) -> dict[str, Any]:
    reason = outcome.reason
    return {
        "rank": rank,
        "need_id": need.id,
        "association_id": need.association_id,
        "category": need.category,
        "quantity_min": need.quantity_min,
        "quantity_max": need.quantity_max,
        "min_ram_gb": need.min_ram_gb,
        "min_storage_gb": need.min_storage_gb,
        "min_grade": need.min_grade,
        "needs_kit": need.needs_kit,
        "priority": need.priority,
        "submitted_at": need.submitted_at.isoformat(),
        "earlier": need.already_received,
        "remaining_min": outcome.remaining_min,
        "remaining_max": outcome.remaining_max,
        "fitting": fitting,
        "allocated": outcome.allocated,
        "reason": {
            "kind": reason.kind.value,
            "cause": reason.cause.value if reason.cause else None,
            "minimum": reason.minimum,
            "proportional": reason.proportional,
            "remainder": reason.remainder,
            "adjustment": reason.adjustment,
            "filled": reason.filled,
        },
    }


def _fitting_stock(needs: Sequence[Need], classes: Sequence[DeviceClass]) -> dict[int, int]:
    """Per need, how many ready devices fit it, whatever other needs get."""
    if not needs or not classes:
        return {need.id: 0 for need in needs}
    counts = np.array([c.count for c in classes], dtype=np.int64)
    totals = fit_matrix(needs, classes).astype(np.int64) @ counts
    return {need.id: int(total) for need, total in zip(needs, totals.tolist(), strict=True)}


def line_rows(result: AllocationResult) -> tuple[list[int], list[int], list[str]]:
    """The lines need by need in the order considered, each with its part of the need's
    allocation: minimum, proportional share, remainder, filled or fit adjustment."""
    need_ids: list[int] = []
    device_ids: list[int] = []
    reasons: list[str] = []
    for outcome in result.outcomes:
        if not outcome.allocated:
            continue
        devices = result.devices_for(outcome.need_id).tolist()
        need_ids += [outcome.need_id] * len(devices)
        device_ids += devices
        reason = outcome.reason
        parts = [
            ("minimum", reason.minimum),
            ("proportional_share", reason.proportional),
            ("remainder", reason.remainder),
            ("filled", reason.filled),
            ("fit_adjustment", len(devices)),
        ]
        left = len(devices)
        for label, count in parts:
            take = min(count, left)
            reasons += [label] * take
            left -= take
    return need_ids, device_ids, reasons


def insert_lines(
    session: Session,
    allocation_id: int,
    need_ids: Iterable[int],
    device_ids: Iterable[int],
    reasons: Iterable[str],
) -> None:
    """Write an allocation's lines in bulk, with the driver's fastest way (COPY on PostgreSQL,
    executemany on SQLite), in the session's transaction."""
    rows = zip(itertools.repeat(allocation_id), need_ids, device_ids, reasons)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # COPY is several times faster than batched INSERTs for a wave of 100,000 devices.
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(
            "COPY allocation_lines (allocation_id, need_id, device_id, reason) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        return
    # SQLAlchemy's executemany builds a parameter dict per row: the driver's own is 5 times
    # faster.
    connection.connection.driver_connection.cursor().executemany(
        "INSERT INTO allocation_lines (allocation_id, need_id, device_id, reason) "
        "VALUES (?, ?, ?, ?)",
        rows,
    )
