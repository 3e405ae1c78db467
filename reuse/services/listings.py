"""Read-only lists of devices and collections for the web pages: filtered, paginated, few queries.

Lists page by key (`after` = the last id shown, newest first), so page 200 costs what page 1 does,
and count at most COUNT_CAP rows, so a count stays fast over a million devices.
"""

import contextlib
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from reuse import codes
from reuse.errors import DeviceNotFound, InvalidCode, NotFound
from reuse.importing import values
from reuse.models import (
    Collection,
    Device,
    DeviceEvent,
    DonorSite,
    ErasureRecord,
    PreparationChecklist,
    TestRecord,
    Warehouse,
)

COUNT_CAP = 10_000
PAGE_SIZE = 50


@dataclass
class Page:
    """One page of a list: its rows, the (capped) total and the key of the next page."""

    rows: list[Any]
    total: int
    capped: bool = False
    next_after: int | None = None
    offset: int = 0
    size: int = PAGE_SIZE


@dataclass(frozen=True)
class DeviceFilters:
    """What a device list is narrowed to; None means any."""

    status: str | None = None
    category: str | None = None
    warehouse_id: int | None = None
    collection_id: int | None = None
    text: str | None = None

    def conditions(self) -> list:
        """The WHERE clauses of these filters."""
        where = []
        if self.status:
            where.append(Device.status == self.status)
        if self.category:
            where.append(Device.category == self.category)
        if self.warehouse_id:
            where.append(Device.warehouse_id == self.warehouse_id)
        if self.collection_id:
            where.append(Device.collection_id == self.collection_id)
        if self.text and self.text.strip():
            where.append(text_condition(self.text.strip()))
        return where


def text_condition(text: str):
    """A code (in any accepted form), a serial, an asset tag, or part of a model name."""
    try:
        return Device.code == codes.normalise(text)
    except (InvalidCode, ValueError):
        pass
    matches = [Device.asset_tag == text, Device.model.ilike(f"%{escape_like(text)}%", "\\")]
    with contextlib.suppress(ValueError):
        matches.append(Device.serial_number == values.normalise_serial(text))
    return sa.or_(*matches)


def escape_like(text: str) -> str:
    """`text` with the LIKE wildcards escaped (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def capped_count(session: Session, where: list, model=Device) -> tuple[int, bool]:
    """How many rows match, counting no further than COUNT_CAP; and whether it stopped there."""
    inner = sa.select(sa.literal(1)).select_from(model).where(*where).limit(COUNT_CAP + 1)
    count = session.scalar(sa.select(sa.func.count()).select_from(inner.subquery()))
    return min(count, COUNT_CAP), count > COUNT_CAP


#: The columns a device list shows, read without loading whole devices.
DEVICE_COLUMNS = (
    Device.id,
    Device.code,
    Device.category,
    Device.manufacturer,
    Device.model,
    Device.ram_gb,
    Device.storage_gb,
    Device.grade,
    Device.status,
    Device.status_changed_at,
    Device.collection_id,
    Collection.reference.label("collection_reference"),
    Warehouse.name.label("warehouse_name"),
)


def device_page(
    session: Session,
    filters: DeviceFilters | None = None,
    *,
    after: int | None = None,
    limit: int = PAGE_SIZE,
) -> Page:
    """Devices matching `filters`, newest first, `limit` after the device id `after`."""
    where = (filters or DeviceFilters()).conditions()
    query = (
        sa.select(*DEVICE_COLUMNS)
        .join(Collection, Collection.id == Device.collection_id)
        .outerjoin(Warehouse, Warehouse.id == Device.warehouse_id)
        .where(*where)
        .order_by(Device.id.desc())
        .limit(limit + 1)
    )
    if after is not None:
        query = query.where(Device.id < after)
    rows = session.execute(query).all()
    total, capped = capped_count(session, where)
    next_after = rows[limit - 1].id if len(rows) > limit else None
    return Page(rows[:limit], total, capped, next_after, size=limit)


def devices_with_serial(session: Session, serial: str) -> list[Any]:
    """Devices already registered with this serial number, whatever their manufacturer."""
    try:
        serial = values.normalise_serial(serial)
    except ValueError:
        return []
    if not serial:
        return []
    return session.execute(
        sa.select(Device.code, Device.manufacturer, Device.model, Device.status)
        .where(Device.serial_number == serial)
        .order_by(Device.id)
        .limit(5)
    ).all()


@dataclass
class DeviceRecord:
    """A device with everything its page shows: records, checklist and history."""

    device: Device
    erasures: list[ErasureRecord] = field(default_factory=list)
    tests: list[TestRecord] = field(default_factory=list)
    checklist: PreparationChecklist | None = None
    events: list[DeviceEvent] = field(default_factory=list)


def device_record(session: Session, raw_code: str) -> DeviceRecord:
    """The device with this code and its records, newest first.

    :raises DeviceNotFound: the code is malformed or unknown.
    """
    try:
        code = codes.normalise(raw_code)
    except (InvalidCode, ValueError) as error:
        raise DeviceNotFound(f"'{raw_code}' is not a device code", field="code") from error
    device = session.scalar(
        sa.select(Device)
        .options(joinedload(Device.collection), joinedload(Device.warehouse))
        .where(Device.code == code)
    )
    if device is None:
        raise DeviceNotFound(f"no device has the code {codes.display(code)}", field="code")
    return DeviceRecord(
        device=device,
        erasures=session.scalars(
            sa.select(ErasureRecord)
            .where(ErasureRecord.device_id == device.id)
            .order_by(ErasureRecord.id.desc())
        ).all(),
        tests=session.scalars(
            sa.select(TestRecord)
            .where(TestRecord.device_id == device.id)
            .order_by(TestRecord.performed_at.desc(), TestRecord.id.desc())
        ).all(),
        checklist=session.get(PreparationChecklist, device.id),
        events=session.scalars(
            sa.select(DeviceEvent)
            .where(DeviceEvent.device_id == device.id)
            .order_by(DeviceEvent.id.desc())
        ).all(),
    )


def collection_page(
    session: Session, text: str | None = None, *, offset: int = 0, limit: int = PAGE_SIZE
) -> Page:
    """Collections, latest collected first, with their site and device count."""
    where = []
    if text and text.strip():
        pattern = f"%{escape_like(text.strip())}%"
        where.append(
            sa.or_(
                Collection.reference.ilike(pattern, "\\"),
                DonorSite.name.ilike(pattern, "\\"),
                DonorSite.city.ilike(pattern, "\\"),
            )
        )
    collections = session.execute(
        sa.select(Collection, DonorSite, Warehouse)
        .join(DonorSite, DonorSite.id == Collection.donor_site_id)
        .outerjoin(Warehouse, Warehouse.id == Collection.warehouse_id)
        .where(*where)
        .order_by(Collection.collected_on.desc(), Collection.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    ids = [row.Collection.id for row in collections]
    counts = dict(
        session.execute(
            sa.select(Device.collection_id, sa.func.count())
            .where(Device.collection_id.in_(ids))
            .group_by(Device.collection_id)
        ).all()
    )
    total = session.scalar(
        sa.select(sa.func.count())
        .select_from(Collection)
        .join(DonorSite, DonorSite.id == Collection.donor_site_id)
        .where(*where)
    )
    rows = [
        (row.Collection, row.DonorSite, row.Warehouse, counts.get(row.Collection.id, 0))
        for row in collections
    ]
    return Page(rows=rows, total=total, offset=offset, size=limit)


def collection(session: Session, collection_id: int) -> Collection:
    """One collection, or NotFound."""
    found = session.get(Collection, collection_id)
    if found is None:
        raise NotFound(f"no collection with id {collection_id}", field="collection_id")
    return found


def donor_sites(session: Session) -> list[DonorSite]:
    """Every donor site, by organisation and name."""
    return session.scalars(
        sa.select(DonorSite).order_by(DonorSite.organisation, DonorSite.name)
    ).all()


def warehouses(session: Session) -> list[Warehouse]:
    """Every warehouse, by name."""
    return session.scalars(sa.select(Warehouse).order_by(Warehouse.name)).all()


def recent_devices(session: Session, collection_id: int, limit: int = 10) -> list[Any]:
    """The devices registered last in a collection, newest first."""
    return session.execute(
        sa.select(*DEVICE_COLUMNS)
        .join(Collection, Collection.id == Device.collection_id)
        .outerjoin(Warehouse, Warehouse.id == Device.warehouse_id)
        .where(Device.collection_id == collection_id)
        .order_by(Device.id.desc())
        .limit(limit)
    ).all()
