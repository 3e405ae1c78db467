"""Data builders: the one place that knows valid defaults; keyword overrides for the rest."""

import itertools
from datetime import date

from reuse.models import (
    Association,
    Collection,
    Device,
    DeviceStatus,
    DonorSite,
    ErasureRecord,
    Grade,
    Need,
    Outcome,
    Programme,
    Role,
    TestRecord,
    Warehouse,
)
from reuse.services import devices, lifecycle
from reuse.services.actors import Actor

_counter = itertools.count(1)

ADMIN = Actor("admin@test", Role.ADMIN)
WAREHOUSE = Actor("warehouse@test", Role.WAREHOUSE)
COORDINATOR = Actor("coordinator@test", Role.COORDINATOR)
PARTNER = Actor("partner@test", Role.PARTNER)


def association_actor(association_id: int) -> Actor:
    return Actor("asso@test", Role.ASSOCIATION, None, association_id)


def make_site(session, **overrides) -> DonorSite:
    n = next(_counter)
    values = {"organisation": "Telco", "name": f"Site {n}", "city": "Lyon"} | overrides
    site = DonorSite(**values)
    session.add(site)
    session.flush()
    return site


def make_warehouse(session, **overrides) -> Warehouse:
    n = next(_counter)
    warehouse = Warehouse(**({"name": f"Warehouse {n}", "city": "Vénissieux"} | overrides))
    session.add(warehouse)
    session.flush()
    return warehouse


def make_collection(session, **overrides) -> Collection:
    n = next(_counter)
    if "donor_site_id" not in overrides:
        overrides["donor_site_id"] = make_site(session).id
    collection = Collection(
        **({"reference": f"COL-{n:05d}", "collected_on": date(2026, 11, 2)} | overrides)
    )
    session.add(collection)
    session.flush()
    return collection


def make_device(session, status: DeviceStatus = DeviceStatus.COLLECTED, **overrides) -> Device:
    """A device in `status` with the records that status implies (erasure, test, grade...)."""
    n = next(_counter)
    if "collection_id" not in overrides:
        overrides["collection_id"] = make_collection(session).id
    collection = session.get(Collection, overrides["collection_id"])
    values = {
        "code": devices.new_codes(session, 1)[0],
        "serial_number": f"SN{n:08d}",
        "category": "laptop",
        "manufacturer": "Lenovo",
        "model": "ThinkPad T480",
        "ram_gb": 8,
        "storage_gb": 256,
        "donor_organisation": collection.donor_site.organisation,
    } | overrides
    device = Device(**values)
    lifecycle.register(session, device, ADMIN)
    order = [DeviceStatus.RECEIVED, DeviceStatus.REFURBISHING, DeviceStatus.READY]
    for step in order[: order.index(status) + 1] if status in order else []:
        _advance(session, device, step)
    if status == DeviceStatus.RECYCLED:
        lifecycle.apply(session, device, "recycled", ADMIN, reason="broken")
    session.flush()
    return device


def _advance(session, device: Device, step: DeviceStatus) -> None:
    if step == DeviceStatus.RECEIVED:
        lifecycle.apply(session, device, "received", ADMIN, warehouse_id=make_warehouse(session).id)
    elif step == DeviceStatus.REFURBISHING:
        session.add(
            ErasureRecord(
                device_id=device.id,
                cycle=device.cycle,
                method="purge",
                technique="crypto-erase",
                result=Outcome.PASSED,
                operator="t",
            )
        )
        session.add(
            TestRecord(device_id=device.id, cycle=device.cycle, result=Outcome.PASSED, operator="t")
        )
        device.grade = Grade.B
        if device.category == "desktop":
            device.accessories = "keyboard, mouse"
        lifecycle.record(session, device, "erasure", ADMIN)
    elif step == DeviceStatus.READY:
        lifecycle.apply(session, device, "ready", ADMIN)


def make_programme(session, **overrides) -> Programme:
    n = next(_counter)
    values = {
        "name": f"Programme {n}",
        "partner": "Ville",
        "territory": "Lyon",
        "starts_on": date(2026, 1, 1),
        "target_devices": 1000,
    } | overrides
    programme = Programme(**values)
    session.add(programme)
    session.flush()
    return programme


def make_association(session, **overrides) -> Association:
    n = next(_counter)
    values = {"name": f"Association {n}", "city": "Lyon", "legal_id": f"W69{n:07d}"} | overrides
    association = Association(**values)
    session.add(association)
    session.flush()
    return association


def make_need(session, **overrides) -> Need:
    if "programme_id" not in overrides:
        overrides["programme_id"] = make_programme(session).id
    if "association_id" not in overrides:
        overrides["association_id"] = make_association(session).id
    values = {"category": "desktop", "quantity_min": 10, "quantity_max": 30} | overrides
    need = Need(**values)
    session.add(need)
    session.flush()
    return need
