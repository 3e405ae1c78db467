"""Finding devices and giving new ones their public code."""

from collections.abc import Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from reuse import codes
from reuse.errors import DeviceNotFound
from reuse.models import Device
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
