"""The device lifecycle: one table of transitions, one function that applies them with their guards.

    collected -> received -> refurbishing -> ready -> allocated -> delivered
                                  |             |          |
                                  +-> recycled  +-> recycled, returned ...

Every change of a device goes through `apply` (status changes) or `record` (work that keeps or
restarts refurbishment), which write a DeviceEvent in the same transaction and bump the device's
version, so two concurrent changes to one device never both win.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, exists, insert, select, update
from sqlalchemy.orm import Session

from reuse import permissions
from reuse.errors import InvalidTransition, StaleVersion, ValidationFailed
from reuse.models import (
    AllocationStatus,
    Category,
    Device,
    DeviceEvent,
    DeviceStatus,
    DistributionStatus,
    ErasureRecord,
    Outcome,
    TestRecord,
)
from reuse.models.base import utcnow
from reuse.models.devices import KIT, parse_accessories
from reuse.services import persistence
from reuse.services.actors import Actor

S = DeviceStatus
BEFORE_DELIVERY = frozenset({S.COLLECTED, S.RECEIVED, S.REFURBISHING, S.READY, S.ALLOCATED})

#: kind of change -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[DeviceStatus], DeviceStatus]] = {
    "received": (frozenset({S.COLLECTED}), S.RECEIVED),
    "ready": (frozenset({S.REFURBISHING}), S.READY),
    "allocated": (frozenset({S.READY}), S.ALLOCATED),
    "unallocated": (frozenset({S.ALLOCATED}), S.READY),
    "delivered": (frozenset({S.ALLOCATED}), S.DELIVERED),
    "recycled": (BEFORE_DELIVERY, S.RECYCLED),
    "returned": (frozenset({S.DELIVERED}), S.RECEIVED),
}

#: The permission each kind of change needs; every other kind needs "devices.write".
PERMISSION = {
    "allocated": "allocations.write",
    "unallocated": "allocations.write",
    "delivered": "scans.write",
    "label_printed": "labels.print",
}

#: Refurbishment work may be recorded in these statuses; it (re)opens refurbishment.
WORK_STATUSES = frozenset({S.RECEIVED, S.REFURBISHING, S.READY})
WORK_KINDS = frozenset({"erasure", "test", "graded", "checklist"})

#: What cannot be done in each status, said the way a warehouse person would understand it.
_WHY_NOT = {
    S.COLLECTED: "it has not been received at a warehouse yet",
    S.RECEIVED: "its refurbishment has not started",
    S.REFURBISHING: "it is still being refurbished",
    S.READY: "it is ready and not yet allocated",
    S.ALLOCATED: "it is allocated to an association",
    S.DELIVERED: "it has been delivered",
    S.RECYCLED: "it has been recycled",
}


def readiness_problems(session: Session, device: Device) -> list[str]:
    """What stops the device from being ready (DESIGN section 4); empty when nothing does."""
    passed_erasure, latest_test = session.execute(
        select(*readiness_records(device.id, device.cycle))
    ).one()
    return problems_of(device, passed_erasure=passed_erasure, latest_test=latest_test)


def readiness_records(device_id, cycle) -> tuple[ColumnElement[bool], ColumnElement]:
    """What `problems_of` reads of a device's records of its current cycle, as SQL over the
    device's id and cycle (values or columns): whether an erasure passed, and the outcome of
    the latest functional test (None when there is none)."""
    passed_erasure = exists().where(
        ErasureRecord.device_id == device_id,
        ErasureRecord.cycle == cycle,
        ErasureRecord.result == Outcome.PASSED,
    )
    latest_test = (
        select(TestRecord.result)
        .where(TestRecord.device_id == device_id, TestRecord.cycle == cycle)
        .order_by(TestRecord.performed_at.desc(), TestRecord.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return passed_erasure.label("passed_erasure"), latest_test.label("latest_test")


def readiness_columns(devices: Table) -> list[ColumnElement]:
    """What `row_readiness` reads of a device, as columns of a statement over `devices`."""
    return [
        devices.c.status,
        devices.c.grade,
        devices.c.category,
        devices.c.kit_required,
        devices.c.accessories,
        *readiness_records(devices.c.id, devices.c.cycle),
    ]


def row_readiness(row) -> list[str]:
    """What stops a device read with `readiness_columns` from being ready, while it is in
    refurbishment; nothing before (it is not being made ready yet) or after."""
    if row.status != DeviceStatus.REFURBISHING:
        return []
    return problems_of(row, passed_erasure=row.passed_erasure, latest_test=row.latest_test)


def problems_of(device, *, passed_erasure: bool, latest_test: Outcome | None) -> list[str]:
    """The readiness rule itself, over a device (or a row with its columns) and its records of
    the current cycle: whether an erasure passed, and the latest test's outcome."""
    problems = []
    if not passed_erasure:
        problems.append("no passed data erasure is recorded (or method no-storage)")
    if latest_test is None:
        problems.append("no functional test is recorded")
    elif latest_test != Outcome.PASSED:
        problems.append("its latest functional test failed")
    if device.grade is None:
        problems.append("it has no grade")
    accessories = parse_accessories(device.accessories)
    if device.category == Category.DESKTOP and device.kit_required and not accessories >= KIT:
        missing = ", ".join(sorted(KIT - accessories))
        problems.append(f"its kit is incomplete: {missing} not recorded")
    return problems


def _guard_received(session: Session, device: Device, context: dict) -> str | None:
    if context.get("warehouse_id") is None:
        return "a warehouse is required to receive a device"
    return None


def _guard_ready(session: Session, device: Device, context: dict) -> str | None:
    problems = readiness_problems(session, device)
    return "; ".join(problems) or None


def _guard_allocated(session: Session, device: Device, context: dict) -> str | None:
    allocation = context.get("allocation")
    if allocation is None or allocation.status != AllocationStatus.CONFIRMED:
        return "only a confirmed allocation can allocate a device"
    return None


def _guard_delivered(session: Session, device: Device, context: dict) -> str | None:
    distribution = context.get("distribution")
    if distribution is None or distribution.status != DistributionStatus.OPEN:
        return "a device is delivered only by a scan in an open distribution"
    if distribution.association_id != context.get("allocated_to_association_id"):
        return "the device is allocated to another association"
    return None


def _guard_recycled(session: Session, device: Device, context: dict) -> str | None:
    if not (context.get("reason") or "").strip():
        return "a reason is required to recycle a device"
    return None


_GUARDS: dict[str, Callable[[Session, Device, dict], str | None]] = {
    "received": _guard_received,
    "ready": _guard_ready,
    "allocated": _guard_allocated,
    "delivered": _guard_delivered,
    "recycled": _guard_recycled,
}


def check_version(device: Device, expected_version: int | None) -> None:
    """Refuse a change made from a stale copy of the device."""
    if expected_version is not None and expected_version != device.version:
        raise StaleVersion(
            f"device {device.code} was changed by someone else (version {device.version}, "
            f"you had {expected_version}): reload it and try again"
        )


def allowed_kinds(device: Device) -> list[str]:
    """The status changes the device's status allows (guards aside), for the faces to offer."""
    return [kind for kind, (sources, _) in TRANSITIONS.items() if device.status in sources]


def apply(
    session: Session,
    device: Device,
    kind: str,
    actor: Actor,
    *,
    expected_version: int | None = None,
    payload: dict[str, Any] | None = None,
    **context: Any,
) -> DeviceEvent:
    """Move the device through the transition `kind`, or raise InvalidTransition saying why."""
    if kind not in TRANSITIONS:
        raise ValidationFailed(f"unknown lifecycle change '{kind}'", field="kind")
    permissions.require(actor, PERMISSION.get(kind, "devices.write"))
    check_version(device, expected_version)
    sources, target = TRANSITIONS[kind]
    if device.status not in sources:
        raise InvalidTransition(
            f"device {device.code} cannot be {kind}: {_WHY_NOT[device.status]}", field="kind"
        )
    guard = _GUARDS.get(kind)
    refusal = guard(session, device, context) if guard else None
    if refusal:
        raise InvalidTransition(f"device {device.code} cannot be {kind}: {refusal}", field=kind)
    if kind == "received":
        device.warehouse_id = context["warehouse_id"]
    if kind == "returned":
        # Data must be erased and the device tested again before it can be given anew.
        device.cycle += 1
    return _write(session, device, kind, target, actor, payload)


#: Kinds whose guard reads only the context, not each device's records: they may go in bulk.
BULK_KINDS = frozenset({"allocated", "unallocated", "recycled"})
_BULK_CHUNK = 5_000


def apply_many(
    session: Session,
    device_ids: Iterable[int],
    kind: str,
    actor: Actor,
    *,
    payloads: Mapping[int, dict] | None = None,
    payload: dict | None = None,
    **context: Any,
) -> int:
    """Move many devices through one transition at once, as `apply` would one by one.

    The permission and the guard are checked once (BULK_KINDS only); each device must be in a
    status the transition starts from, or InvalidTransition names those that are not and the
    caller rolls back. Events are written in bulk with `payloads[device_id]` (or `payload`).
    Returns how many devices moved.
    """
    if kind not in BULK_KINDS:
        raise ValidationFailed(f"'{kind}' cannot be applied in bulk", field="kind")
    permissions.require(actor, PERMISSION.get(kind, "devices.write"))
    sources, target = TRANSITIONS[kind]
    refusal = _GUARDS[kind](session, None, context) if kind in _GUARDS else None
    if refusal:
        raise InvalidTransition(f"devices cannot be {kind}: {refusal}", field=kind)
    ids = sorted(set(device_ids))
    table, events = Device.__table__, DeviceEvent.__table__
    now = utcnow()
    for start in range(0, len(ids), _BULK_CHUNK):
        chunk = ids[start : start + _BULK_CHUNK]
        current = session.execute(
            select(table.c.id, table.c.code, table.c.status).where(table.c.id.in_(chunk))
        ).all()
        wrong = [(code, status) for _, code, status in current if status not in sources]
        if wrong or len(current) != len(chunk):
            named = ", ".join(f"{code} ({_WHY_NOT[status]})" for code, status in wrong[:10])
            missing = len(chunk) - len(current)
            raise InvalidTransition(
                f"{len(wrong) + missing} device(s) cannot be {kind}: "
                + (named or f"{missing} do not exist"),
                field="kind",
            )
        session.execute(
            update(table)
            .where(table.c.id.in_(chunk))
            .values(
                status=target, status_changed_at=now, updated_at=now, version=table.c.version + 1
            )
        )
        session.execute(
            insert(events),
            [
                {
                    "device_id": device_id,
                    "kind": kind,
                    "from_status": status,
                    "to_status": target,
                    "actor_id": actor.user_id,
                    "actor_name": actor.name,
                    "at": now,
                    "payload": (payloads or {}).get(device_id, payload or {}),
                }
                for device_id, _, status in current
            ],
        )
    # Loaded devices no longer match their rows (status, version): read them again when used.
    moved = set(ids)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Device) and obj.id in moved:
            session.expire(obj)
    return len(ids)


def record(
    session: Session,
    device: Device,
    kind: str,
    actor: Actor,
    *,
    expected_version: int | None = None,
    payload: dict[str, Any] | None = None,
) -> DeviceEvent:
    """Record refurbishment work; it puts a received or ready device (back) in refurbishing."""
    if kind not in WORK_KINDS:
        raise ValidationFailed(f"unknown refurbishment record '{kind}'", field="kind")
    permissions.require(actor, "devices.write")
    check_version(device, expected_version)
    if device.status not in WORK_STATUSES:
        raise InvalidTransition(
            f"cannot record {kind} on device {device.code}: {_WHY_NOT[device.status]}",
            field="kind",
        )
    return _write(session, device, kind, S.REFURBISHING, actor, payload)


def note(
    session: Session, device: Device, kind: str, actor: Actor, payload: dict | None = None
) -> DeviceEvent:
    """Record an event that changes nothing of the device's status (edit, label printed)."""
    permissions.require(actor, PERMISSION.get(kind, "devices.write"))
    return _write(session, device, kind, device.status, actor, payload)


def note_many(
    session: Session, devices: Sequence[Device], kind: str, actor: Actor, payload: dict
) -> None:
    """Record, for many devices at once, an event that changes nothing of them (labels printed):
    one permission check and one bulk insert, the devices' rows untouched."""
    permissions.require(actor, PERMISSION.get(kind, "devices.write"))
    now = utcnow()
    session.execute(
        insert(DeviceEvent.__table__),
        [
            {
                "device_id": device.id,
                "kind": kind,
                "from_status": device.status,
                "to_status": device.status,
                "actor_id": actor.user_id,
                "actor_name": actor.name,
                "at": now,
                "payload": payload,
            }
            for device in devices
        ],
    )


def register(session: Session, device: Device, actor: Actor, payload: dict | None = None):
    """Write the first event of a new device (it enters the lifecycle as collected)."""
    permissions.require(actor, "devices.write")
    device.status = S.COLLECTED
    session.add(device)
    persistence.flush(session, what="device")
    event = DeviceEvent(
        device_id=device.id,
        kind="registered",
        from_status=None,
        to_status=S.COLLECTED,
        actor_id=actor.user_id,
        actor_name=actor.name,
        payload=payload or {},
    )
    session.add(event)
    return event


def _write(
    session: Session,
    device: Device,
    kind: str,
    target: DeviceStatus,
    actor: Actor,
    payload: dict | None,
) -> DeviceEvent:
    now = utcnow()
    source = device.status
    if target != source:
        device.status = target
        device.status_changed_at = now
    device.updated_at = now
    event = DeviceEvent(
        device_id=device.id,
        kind=kind,
        from_status=source,
        to_status=target,
        actor_id=actor.user_id,
        actor_name=actor.name,
        at=now,
        payload=payload or {},
    )
    session.add(event)
    persistence.flush(session, what=f"device {device.code}")
    return event
