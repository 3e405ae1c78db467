"""Finding devices and giving new ones their public code."""

import contextlib
from collections.abc import Iterable

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from reuse import codes
from reuse.errors import DeviceNotFound, InvalidCode
from reuse.models import Device, DeviceEvent, ErasureRecord, PreparationChecklist, TestRecord


def find(session: Session, raw_code: str, *, for_update: bool = False) -> Device:
    """The device whose code is in `raw_code` (any accepted form: URL, typed on any layout).

    :raises InvalidCode: the input holds no valid code (nothing is looked up).
    :raises DeviceNotFound: the code is valid but no device has it.
    """
    code = codes.normalise(raw_code)
    query = select(Device).where(Device.code == code)
    if for_update:
        query = query.with_for_update()
    device = session.scalars(query).one_or_none()
    if device is None:
        raise DeviceNotFound(f"no device has the code {codes.display(code)}", field="code")
    return device


def new_codes(session: Session, count: int) -> list[str]:
    """`count` fresh codes, distinct from each other and from every code in the database."""
    fresh: set[str] = set()
    while len(fresh) < count:
        batch = set(codes.generate_many(count - len(fresh))) - fresh
        fresh |= batch - set(_taken(session, batch))
    return list(fresh)


def _taken(session: Session, candidates: Iterable[str]) -> list[str]:
    candidates = list(candidates)
    taken: list[str] = []
    for start in range(0, len(candidates), 5000):
        chunk = candidates[start : start + 5000]
        taken += session.scalars(select(Device.code).where(Device.code.in_(chunk))).all()
    return taken


def search(filters: dict) -> Select:
    """Devices matching the filters, oldest first by id; `q` is a code, serial, tag or model."""
    query = select(Device).order_by(Device.id)
    for name in ("status", "category", "grade", "collection_id", "warehouse_id"):
        if filters.get(name) is not None:
            query = query.where(getattr(Device, name) == filters[name])
    text = (filters.get("q") or "").strip()
    if text:
        matches = [
            Device.serial_number == "".join(text.split()).upper(),
            Device.asset_tag == text,
            Device.model.ilike(f"%{text}%"),
        ]
        with contextlib.suppress(InvalidCode):  # not a code: the other matches still apply
            matches.append(Device.code == codes.normalise(text))
        query = query.where(or_(*matches))
    return query


def detail(session: Session, device: Device) -> dict:
    """Everything known of a device: its fields, records, readiness and history."""
    from reuse.services.lifecycle import readiness_problems

    erasures = session.scalars(
        select(ErasureRecord).where(ErasureRecord.device_id == device.id).order_by(ErasureRecord.id)
    ).all()
    tests = session.scalars(
        select(TestRecord).where(TestRecord.device_id == device.id).order_by(TestRecord.id)
    ).all()
    events = session.scalars(
        select(DeviceEvent).where(DeviceEvent.device_id == device.id).order_by(DeviceEvent.id)
    ).all()
    return {
        **{column.key: getattr(device, column.key) for column in Device.__table__.columns},
        "erasure_records": erasures,
        "test_records": tests,
        "checklist": session.get(PreparationChecklist, device.id),
        "readiness_problems": readiness_problems(session, device)
        if device.status.value == "refurbishing"
        else [],
        "events": events,
    }
