"""Finding devices and giving new ones their public code."""

from collections.abc import Iterable
from types import SimpleNamespace

from sqlalchemy import JSON, Select, bindparam, select, type_coerce
from sqlalchemy.orm import Session

from reuse import codes
from reuse.errors import DeviceNotFound
from reuse.models import (
    Device,
    DeviceEvent,
    DeviceStatus,
    ErasureRecord,
    Outcome,
    PreparationChecklist,
    TestRecord,
)
from reuse.services import child_rows
from reuse.services.lifecycle import problems_of
from reuse.services.listings import text_condition


def makers_may_match(first: str | None, second: str | None) -> bool:
    """Whether two devices with the same serial may be the same device: same maker, or one
    maker unknown (a serial is unique per maker, and an unknown maker could be any)."""
    return not first or not second or first == second


def serial_holders(session: Session, serials: list[str]) -> list[tuple[str, str, str]]:
    """(serial, manufacturer, code) of the devices holding any of these serials."""
    found: list[tuple[str, str, str]] = []
    for start in range(0, len(serials), 5000):
        chunk = serials[start : start + 5000]
        found += session.execute(
            select(Device.serial_number, Device.manufacturer, Device.code).where(
                Device.serial_number.in_(chunk)
            )
        ).all()
    return found


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
    """Devices matching the filters, oldest first by id; `q` is a code, serial, tag or model
    (read as the web's device lists read it)."""
    query = select(Device).order_by(Device.id)
    for name in ("status", "category", "grade", "collection_id", "warehouse_id"):
        if filters.get(name) is not None:
            query = query.where(getattr(Device, name) == filters[name])
    text = (filters.get("q") or "").strip()
    if text:
        query = query.where(text_condition(text))
    return query


# The page scans and API clients ask for most: one statement, one column, no ORM (child_rows).
_CHILDREN = {
    "erasure_records": ErasureRecord.__table__,
    "test_records": TestRecord.__table__,
    "events": DeviceEvent.__table__,
    "checklist": PreparationChecklist.__table__,
}
_READ_DEVICE = child_rows.row_reader(Device.__table__)
_READERS = {name: child_rows.row_reader(table) for name, table in _CHILDREN.items()}
_DETAIL: dict[str, Select] = {}  # built once per dialect


def _detail_statement(dialect: str) -> Select:
    if dialect not in _DETAIL:
        devices = Device.__table__
        children = [
            child_rows.rows_as_json(table, table.c.device_id == devices.c.id, dialect)
            for table in _CHILDREN.values()
        ]
        document = child_rows.json_array(
            [child_rows.json_array(list(devices.c), dialect), *children], dialect
        )
        _DETAIL[dialect] = select(type_coerce(document, JSON)).where(
            devices.c.code == bindparam("code")
        )
    return _DETAIL[dialect]


def detail(session: Session, raw_code: str) -> dict:
    """Everything known of a device: its fields, records, readiness and history."""
    code = codes.normalise(raw_code)
    connection = session.connection()
    statement = _detail_statement(connection.dialect.name)
    document = connection.execute(statement, {"code": code}).scalar_one_or_none()
    if document is None:
        raise DeviceNotFound(f"no device has the code {codes.display(code)}", field="code")
    device = _READ_DEVICE(document[0])
    children = dict(zip(_CHILDREN, document[1:], strict=True))
    records = {
        name: sorted(map(_READERS[name], children[name]), key=lambda record: record["id"])
        for name in ("erasure_records", "test_records", "events")
    }
    checklist = [_READERS["checklist"](values) for values in children["checklist"]]
    erasures, tests = records["erasure_records"], records["test_records"]
    problems = []
    if device["status"] == DeviceStatus.REFURBISHING:
        current_tests = [t for t in tests if t["cycle"] == device["cycle"]]
        latest = max(current_tests, key=lambda t: (t["performed_at"], t["id"]), default=None)
        problems = problems_of(
            SimpleNamespace(**device),
            passed_erasure=any(
                e["cycle"] == device["cycle"] and e["result"] == Outcome.PASSED for e in erasures
            ),
            latest_test=latest["result"] if latest else None,
        )
    return {
        **device,
        **records,
        "checklist": checklist[0] if checklist else None,
        "readiness_problems": problems,
    }
