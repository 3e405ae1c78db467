"""Intake: donor sites, warehouses, collections, devices registered by hand and their receipt."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reuse import codes, permissions
from reuse.errors import Conflict, NotFound
from reuse.importing import DEVICE_FIELDS, values
from reuse.models import (
    Category,
    Collection,
    CollectionStatus,
    Device,
    DonorSite,
    Grade,
    StorageType,
    Warehouse,
)
from reuse.services import devices, lifecycle, persistence
from reuse.services.actors import Actor
from reuse.services.validation import Checker

#: Descriptive fields a person may set or correct on a device; status and grade go through the
#: lifecycle and refurbishment services instead.
DESCRIPTIVE_FIELDS = (*DEVICE_FIELDS, "kit_required")


def create_donor_site(
    session: Session,
    actor: Actor,
    *,
    organisation: str,
    name: str,
    city: str,
    kind: str | None = None,
    address: str | None = None,
    postcode: str | None = None,
) -> DonorSite:
    """Register a site of the donor where devices are collected."""
    permissions.require(actor, "sites.write")
    check = Checker()
    organisation = check.required("organisation", organisation)
    name = check.required("name", name)
    city = check.required("city", city)
    check.raise_if_any()
    if session.scalar(
        select(DonorSite.id).where(DonorSite.organisation == organisation, DonorSite.name == name)
    ):
        raise Conflict(f"{organisation} already has a site named '{name}'", field="name")
    site = DonorSite(
        organisation=organisation,
        name=name,
        city=city,
        kind=kind or None,
        address=address or None,
        postcode=postcode or None,
    )
    session.add(site)
    persistence.flush(session, what="donor site")
    return site


def create_warehouse(
    session: Session, actor: Actor, *, name: str, city: str, address: str | None = None
) -> Warehouse:
    """Register a refurbishment warehouse."""
    permissions.require(actor, "sites.write")
    check = Checker()
    name = check.required("name", name)
    city = check.required("city", city)
    check.raise_if_any()
    if session.scalar(select(Warehouse.id).where(Warehouse.name == name)):
        raise Conflict(f"a warehouse named '{name}' already exists", field="name")
    warehouse = Warehouse(name=name, city=city, address=address or None)
    session.add(warehouse)
    persistence.flush(session, what="warehouse")
    return warehouse


def create_collection(
    session: Session,
    actor: Actor,
    *,
    donor_site_id: int,
    collected_on: date,
    reference: str | None = None,
    warehouse_id: int | None = None,
    notes: str | None = None,
) -> Collection:
    """Open a collection: a batch of devices picked up at one donor site."""
    permissions.require(actor, "collections.write")
    site = _get(session, DonorSite, donor_site_id, "donor_site_id")
    if warehouse_id is not None:
        _get(session, Warehouse, warehouse_id, "warehouse_id")
    reference = (reference or "").strip() or _next_reference(session, collected_on)
    if session.scalar(select(Collection.id).where(Collection.reference == reference)):
        raise Conflict(
            f"a collection with reference '{reference}' already exists", field="reference"
        )
    collection = Collection(
        donor_site_id=site.id,
        warehouse_id=warehouse_id,
        collected_on=collected_on,
        reference=reference,
        notes=notes or None,
    )
    session.add(collection)
    persistence.flush(session, what="collection")
    return collection


def _next_reference(session: Session, day: date) -> str:
    prefix = f"COL-{day:%Y%m%d}-"
    count = session.scalar(
        select(func.count()).select_from(Collection).where(Collection.reference.like(prefix + "%"))
    )
    return f"{prefix}{count + 1:03d}"


#: Text normalisers shared with the import, so a serial or a brand typed in a form and one read
#: from a spreadsheet compare equal.
_TEXT_NORMALISERS = {
    "serial_number": values.normalise_serial,
    "asset_tag": values.normalise_asset_tag,
    "manufacturer": values.normalise_manufacturer,
    "accessories": values.normalise_accessories,
}
#: Readers of numbers written with units ("8 Go", "4,9 kg"), shared with the import; storage
#: is read apart, as its text may also name the drive type ("SSD 256 Go").
_NUMBER_READERS = {
    "ram_gb": values.parse_ram_gb,
    "screen_inches": values.parse_screen_inches,
    "weight_kg": values.parse_weight_kg,
}


def validate_device_fields(fields: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check and normalise descriptive fields; every error at once, named by field."""
    check = Checker()
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in DESCRIPTIVE_FIELDS:
            check.add(name, "unknown field")
            continue
        if isinstance(value, str):
            value = value.strip() or None
        try:
            if isinstance(value, str) and name in _TEXT_NORMALISERS:
                value = _TEXT_NORMALISERS[name](value)
            elif isinstance(value, str) and name in _NUMBER_READERS:
                value = _NUMBER_READERS[name](value)
            elif isinstance(value, str) and name == "storage_gb":
                value, named_type = values.parse_storage(value)
                if named_type and not fields.get("storage_type"):
                    clean["storage_type"] = named_type
        except ValueError as error:
            check.add(name, str(error))
            continue
        clean[name] = value
    if not partial or "category" in clean:
        clean["category"] = _category(check, clean.get("category"))
    if clean.get("storage_type") is not None:
        clean["storage_type"] = check.choice("storage_type", clean["storage_type"], StorageType)
    # The import's plausible ranges (values.LIMITS), so a form cannot store what a file cannot.
    for name in ("ram_gb", "storage_gb"):
        if clean.get(name) is not None:
            clean[name] = check.between(
                name, _integer(check, name, clean[name]), *values.LIMITS[name]
            )
    for name in ("screen_inches", "weight_kg"):
        if clean.get(name) is not None:
            clean[name] = check.between(
                name, _decimal(check, name, clean[name]), *values.LIMITS[name]
            )
    if "manufacturer" in clean:
        clean["manufacturer"] = clean["manufacturer"] or ""
    if "kit_required" in clean:
        clean["kit_required"] = bool(clean["kit_required"])
    check.raise_if_any()
    return clean


def _category(check: Checker, value: Any) -> Category | None:
    """The category, from its value or any name the import knows ("Unité centrale", "UC")."""
    if value is None:
        check.add("category", "this field is required")
        return None
    if isinstance(value, Category):
        return value
    try:
        return Category(values.parse_category(str(value)))
    except ValueError as error:
        check.add("category", str(error))
        return None


def _integer(check: Checker, name: str, value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        check.add(name, f"'{value}' is not a whole number")
        return None
    if value != int(value):
        check.add(name, f"'{value}' is not a whole number")
        return None
    return int(value)


def _decimal(check: Checker, name: str, value: Any) -> Decimal | None:
    """The number to its column's decimals (SQLite would keep 4.567 in a weight to 0.01)."""
    if isinstance(value, bool):
        check.add(name, f"'{value}' is not a number")
        return None
    try:
        return values.to_places(Decimal(str(value)), Device.__table__.c[name].type.scale)
    except InvalidOperation:
        check.add(name, f"'{value}' is not a number")
        return None


def ensure_unique_identifiers(
    session: Session, organisation: str, fields: dict[str, Any], *, exclude_id: int | None = None
) -> None:
    """Refuse a serial already known for this manufacturer (or for an unknown one), or an asset
    tag of this donor."""
    serial, tag = fields.get("serial_number"), fields.get("asset_tag")
    if serial:
        query = select(Device.manufacturer, Device.code).where(Device.serial_number == serial)
        if exclude_id is not None:
            query = query.where(Device.id != exclude_id)
        maker = fields.get("manufacturer", "")
        for other_maker, code in session.execute(query):
            if devices.makers_may_match(maker, other_maker):
                raise Conflict(
                    f"serial {serial} is already registered (device {codes.display(code)})",
                    field="serial_number",
                )
    if tag:
        query = select(Device.code).where(
            Device.donor_organisation == organisation, Device.asset_tag == tag
        )
        if exclude_id is not None:
            query = query.where(Device.id != exclude_id)
        if code := session.scalar(query):
            raise Conflict(
                f"asset tag {tag} of {organisation} is already registered (device {code})",
                field="asset_tag",
            )


def register_device(
    session: Session,
    actor: Actor,
    *,
    collection_id: int,
    warehouse_id: int | None = None,
    **fields: Any,
) -> Device:
    """Register one device by hand in a collection; with a warehouse, it is received at once."""
    permissions.require(actor, "devices.write")
    collection = _get(session, Collection, collection_id, "collection_id")
    clean = validate_device_fields(fields)
    if clean["category"] == Category.DESKTOP and "kit_required" not in fields:
        clean["kit_required"] = True
    organisation = collection.donor_site.organisation
    ensure_unique_identifiers(session, organisation, clean)
    if warehouse_id is not None:
        _get(session, Warehouse, warehouse_id, "warehouse_id")
    device = Device(
        code=devices.new_codes(session, 1)[0],
        collection_id=collection.id,
        donor_organisation=organisation,
        **clean,
    )
    lifecycle.register(session, device, actor, payload={"source": "manual"})
    if warehouse_id is not None:
        lifecycle.apply(
            session,
            device,
            "received",
            actor,
            warehouse_id=warehouse_id,
            payload={"warehouse_id": warehouse_id},
        )
    return device


def receive_device(
    session: Session,
    actor: Actor,
    device: Device,
    warehouse_id: int,
    *,
    expected_version: int | None = None,
) -> None:
    """Record that a collected device arrived at a warehouse."""
    permissions.require(actor, "devices.write")
    _get(session, Warehouse, warehouse_id, "warehouse_id")
    lifecycle.apply(
        session,
        device,
        "received",
        actor,
        expected_version=expected_version,
        warehouse_id=warehouse_id,
        payload={"warehouse_id": warehouse_id},
    )


def update_device(
    session: Session,
    actor: Actor,
    device: Device,
    *,
    expected_version: int | None = None,
    **fields: Any,
) -> Device:
    """Correct descriptive fields of a device; the change and its old values go in its history."""
    permissions.require(actor, "devices.write")
    lifecycle.check_version(device, expected_version)
    clean = validate_device_fields(fields, partial=True)
    merged = {
        "manufacturer": device.manufacturer,
        "serial_number": device.serial_number,
        "asset_tag": device.asset_tag,
        **clean,
    }
    ensure_unique_identifiers(session, device.donor_organisation, merged, exclude_id=device.id)
    changes = {}
    for name, value in clean.items():
        old = getattr(device, name)
        if old != value:
            changes[name] = {"from": _plain(old), "to": _plain(value)}
            setattr(device, name, value)
    if changes:
        lifecycle.note(session, device, "updated", actor, payload=changes)
    return device


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Category | StorageType | Grade):
        return value.value
    return value


def _get(session: Session, model: type, ident: int, field: str):
    obj = session.get(model, ident) if ident is not None else None
    if obj is None:
        raise NotFound(
            f"no {model.__tablename__[:-1].replace('_', ' ')} with id {ident}", field=field
        )
    return obj


def _change(obj: Any, changes: dict[str, Any], required: tuple[str, ...] = ()) -> dict:
    """Apply `changes` to `obj`, refusing blanks in required fields; the changed fields."""
    check = Checker()
    for name in required:
        if name in changes:
            changes[name] = check.required(name, changes[name])
    check.raise_if_any()
    changed = {}
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip() or None
        if getattr(obj, name) != value:
            changed[name] = value
            setattr(obj, name, value)
    return changed


def update_donor_site(session: Session, actor: Actor, site: DonorSite, **changes: Any) -> DonorSite:
    """Correct a donor site's name, kind or address."""
    permissions.require(actor, "sites.write")
    _change(site, changes, required=("organisation", "name", "city"))
    persistence.flush(session, what="donor site")
    return site


def delete_donor_site(session: Session, actor: Actor, site: DonorSite) -> None:
    """Remove a donor site that no collection came from."""
    permissions.require(actor, "sites.write")
    if session.scalar(select(Collection.id).where(Collection.donor_site_id == site.id).limit(1)):
        raise Conflict(f"site '{site.name}' has collections: it cannot be deleted", field="id")
    session.delete(site)
    persistence.flush(session, what="donor site")


def update_warehouse(session: Session, actor: Actor, warehouse: Warehouse, **changes: Any):
    """Correct a warehouse's name or address."""
    permissions.require(actor, "sites.write")
    if changes.get("name") and session.scalar(
        select(Warehouse.id).where(Warehouse.name == changes["name"], Warehouse.id != warehouse.id)
    ):
        raise Conflict(f"a warehouse named '{changes['name']}' already exists", field="name")
    _change(warehouse, changes, required=("name", "city"))
    persistence.flush(session, what="warehouse")
    return warehouse


def delete_warehouse(session: Session, actor: Actor, warehouse: Warehouse) -> None:
    """Remove a warehouse that holds no device."""
    permissions.require(actor, "sites.write")
    if session.scalar(select(Device.id).where(Device.warehouse_id == warehouse.id).limit(1)):
        raise Conflict(f"warehouse '{warehouse.name}' holds devices", field="id")
    session.delete(warehouse)
    persistence.flush(session, what="warehouse")


def update_collection(session: Session, actor: Actor, collection: Collection, **changes: Any):
    """Correct a collection's date, destination or notes, or close it."""
    permissions.require(actor, "collections.write")
    if changes.get("warehouse_id") is not None:
        _get(session, Warehouse, changes["warehouse_id"], "warehouse_id")
    if "status" in changes:
        check = Checker()
        changes["status"] = check.choice(
            "status", changes["status"], CollectionStatus, required=True
        )
        check.raise_if_any()
    _change(collection, changes, required=("collected_on",))
    persistence.flush(session, what="collection")
    return collection


def delete_collection(session: Session, actor: Actor, collection: Collection) -> None:
    """Remove a collection that holds no device."""
    permissions.require(actor, "collections.write")
    if session.scalar(select(Device.id).where(Device.collection_id == collection.id).limit(1)):
        raise Conflict(f"collection {collection.reference} holds devices", field="id")
    session.delete(collection)
    persistence.flush(session, what="collection")
