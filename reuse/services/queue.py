"""The refurbishment queue: devices waiting at each stage, oldest first, and safe bulk moves.

A bulk move applies one lifecycle change to every selected device, through the same services and
guards as a single change, with the version each device had on screen; if any device is refused,
nothing moves and every refusal is named by device code.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reuse import permissions
from reuse.errors import ReuseError, StaleVersion, ValidationFailed
from reuse.models import Collection, Device, DeviceStatus, Warehouse
from reuse.services import intake, lifecycle, refurbishment
from reuse.services.actors import Actor
from reuse.services.listings import DEVICE_COLUMNS, PAGE_SIZE, Page, capped_count

S = DeviceStatus
#: The stages of the queue, in the order devices go through them.
STAGES = (S.COLLECTED, S.RECEIVED, S.REFURBISHING, S.READY)
#: Status changes that may be applied to a selection: each one still checks every guard.
BULK_KINDS = ("received", "ready")


@dataclass(frozen=True)
class QueueFilters:
    """What the queue is narrowed to; None means any."""

    category: str | None = None
    warehouse_id: int | None = None
    collection_id: int | None = None

    def conditions(self) -> list:
        """The WHERE clauses of these filters."""
        where = []
        if self.category:
            where.append(Device.category == self.category)
        if self.warehouse_id:
            where.append(Device.warehouse_id == self.warehouse_id)
        if self.collection_id:
            where.append(Device.collection_id == self.collection_id)
        return where


@dataclass(frozen=True)
class Pick:
    """A device selected on screen (by code), with the version it had there."""

    code: str
    version: int


def bulk_kinds(stage: DeviceStatus) -> list[str]:
    """The bulk changes the lifecycle allows from `stage`."""
    return [kind for kind in BULK_KINDS if stage in lifecycle.TRANSITIONS[kind][0]]


def stage_counts(session: Session, filters: QueueFilters | None = None) -> dict[DeviceStatus, int]:
    """How many devices wait at each stage."""
    where = (filters or QueueFilters()).conditions()
    rows = session.execute(
        sa.select(Device.status, sa.func.count())
        .where(Device.status.in_(STAGES), *where)
        .group_by(Device.status)
    ).all()
    found = dict(rows)
    return {stage: found.get(stage, 0) for stage in STAGES}


def queue_page(
    session: Session,
    stage: DeviceStatus,
    filters: QueueFilters | None = None,
    *,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> Page:
    """Devices at `stage`, the longest waiting first."""
    where = [Device.status == stage, *(filters or QueueFilters()).conditions()]
    rows = session.execute(
        sa.select(*DEVICE_COLUMNS, Device.version)
        .join(Collection, Collection.id == Device.collection_id)
        .outerjoin(Warehouse, Warehouse.id == Device.warehouse_id)
        .where(*where)
        .order_by(Device.status_changed_at, Device.id)
        .offset(offset)
        .limit(limit)
    ).all()
    total, capped = capped_count(session, where)
    return Page(rows=rows, total=total, capped=capped, offset=offset, size=limit)


def move(
    session: Session,
    actor: Actor,
    picks: list[Pick],
    kind: str,
    *,
    warehouse_id: int | None = None,
) -> list[Device]:
    """Apply the change `kind` to every picked device, or to none.

    :raises ValidationFailed: with one message per refused device, keyed by its code.
    """
    permissions.require(actor, "devices.write")
    if kind not in BULK_KINDS:
        raise ValidationFailed(f"'{kind}' cannot be applied to a selection", field="kind")
    if not picks:
        raise ValidationFailed("select at least one device", field="devices")
    if kind == "received" and warehouse_id is None:
        raise ValidationFailed("choose the warehouse that received them", field="warehouse_id")
    versions = {pick.code: pick.version for pick in picks}
    devices = session.scalars(
        sa.select(Device).where(Device.code.in_(versions)).order_by(Device.id)
    ).all()
    refusals: dict[str, list[str]] = {}
    for device in devices:
        try:
            _apply(session, actor, device, kind, versions[device.code], warehouse_id)
        except StaleVersion as error:
            # A lost race may have failed a flush: the session cannot take more work.
            refusals[device.code] = [error.message]
            break
        except ReuseError as error:
            refusals[device.code] = [error.message]
    missing = set(versions) - {device.code for device in devices}
    if missing:
        refusals["devices"] = [f"{len(missing)} selected device(s) no longer exist"]
    if refusals:
        raise ValidationFailed(refusals)
    return list(devices)


def _apply(
    session: Session,
    actor: Actor,
    device: Device,
    kind: str,
    version: int,
    warehouse_id: int | None,
) -> None:
    if kind == "received":
        intake.receive_device(session, actor, device, warehouse_id, expected_version=version)
    else:
        refurbishment.mark_ready(session, device, actor, expected_version=version)
