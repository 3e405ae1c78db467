"""Intake: sites, warehouses, collections and devices registered by hand."""

from datetime import date

import pytest
from sqlalchemy import select

from reuse.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from reuse.models import DeviceEvent, DeviceStatus
from reuse.services import intake
from tests.builders import COORDINATOR, WAREHOUSE, make_collection, make_site, make_warehouse


def test_a_donor_site_name_is_unique_within_its_organisation(session):
    intake.create_donor_site(session, WAREHOUSE, organisation="Telco", name="Gerland", city="Lyon")
    intake.create_donor_site(session, WAREHOUSE, organisation="Other", name="Gerland", city="Lyon")
    with pytest.raises(Conflict, match="already has a site named 'Gerland'"):
        intake.create_donor_site(
            session, WAREHOUSE, organisation="Telco", name="Gerland", city="Lyon"
        )


def test_missing_required_fields_are_all_named(session):
    with pytest.raises(ValidationFailed) as refused:
        intake.create_donor_site(session, WAREHOUSE, organisation=" ", name="", city="Lyon")
    assert set(refused.value.errors) == {"organisation", "name"}


def test_a_collection_gets_a_reference_of_its_day_when_none_is_given(session):
    site = make_site(session)
    first = intake.create_collection(
        session, WAREHOUSE, donor_site_id=site.id, collected_on=date(2026, 11, 3)
    )
    second = intake.create_collection(
        session, WAREHOUSE, donor_site_id=site.id, collected_on=date(2026, 11, 3)
    )
    assert (first.reference, second.reference) == ("COL-20261103-001", "COL-20261103-002")
    with pytest.raises(Conflict, match="reference"):
        intake.create_collection(
            session,
            WAREHOUSE,
            donor_site_id=site.id,
            collected_on=date(2026, 11, 3),
            reference="COL-20261103-001",
        )


def test_a_collection_needs_an_existing_site(session):
    with pytest.raises(NotFound, match="donor site with id 999"):
        intake.create_collection(session, WAREHOUSE, donor_site_id=999, collected_on=date.today())


def test_a_coordinator_cannot_register_collections(session):
    with pytest.raises(PermissionDenied):
        intake.create_collection(
            session, COORDINATOR, donor_site_id=make_site(session).id, collected_on=date.today()
        )


def test_registering_a_device_by_hand_gives_it_a_code_and_a_first_event(session):
    collection = make_collection(session)
    device = intake.register_device(
        session,
        WAREHOUSE,
        collection_id=collection.id,
        serial_number=" 5cg 12 ab ",
        category="desktop",
        manufacturer="Dell",
        model="OptiPlex 7070",
        ram_gb="8",
        storage_gb=256,
        storage_type="ssd",
        weight_kg="4,9",
    )
    assert device.status == DeviceStatus.COLLECTED
    assert device.serial_number == "5CG12AB"
    assert device.kit_required, "a desktop needs keyboard and mouse unless told otherwise"
    assert str(device.weight_kg) == "4.90" and device.ram_gb == 8  # to the column's 0.01
    assert len(device.code) == 9
    kinds = session.scalars(select(DeviceEvent.kind).where(DeviceEvent.device_id == device.id))
    assert kinds.all() == ["registered"]


def test_registering_with_a_warehouse_receives_the_device_at_once(session):
    warehouse = make_warehouse(session)
    device = intake.register_device(
        session,
        WAREHOUSE,
        collection_id=make_collection(session).id,
        warehouse_id=warehouse.id,
        serial_number="X1",
        category="laptop",
        manufacturer="HP",
    )
    assert device.status == DeviceStatus.RECEIVED and device.warehouse_id == warehouse.id


def test_a_serial_is_unique_per_manufacturer(session):
    collection = make_collection(session)
    register = intake.register_device
    register(
        session,
        WAREHOUSE,
        collection_id=collection.id,
        serial_number="ABC",
        category="laptop",
        manufacturer="HP",
    )
    register(
        session,
        WAREHOUSE,
        collection_id=collection.id,
        serial_number="ABC",
        category="laptop",
        manufacturer="Dell",
    )
    with pytest.raises(Conflict, match="serial ABC is already registered"):
        register(
            session,
            WAREHOUSE,
            collection_id=collection.id,
            serial_number="abc",
            category="laptop",
            manufacturer="HP",
        )


def test_an_asset_tag_is_unique_per_donor_organisation(session):
    ours = make_collection(session, donor_site_id=make_site(session, organisation="Telco").id)
    other = make_collection(session, donor_site_id=make_site(session, organisation="Bank").id)
    intake.register_device(
        session, WAREHOUSE, collection_id=ours.id, asset_tag="IMMO-1", category="laptop"
    )
    intake.register_device(
        session, WAREHOUSE, collection_id=other.id, asset_tag="IMMO-1", category="laptop"
    )
    with pytest.raises(Conflict, match="asset tag IMMO-1 of Telco"):
        intake.register_device(
            session, WAREHOUSE, collection_id=ours.id, asset_tag="IMMO-1", category="laptop"
        )


def test_bad_device_fields_are_all_reported_by_name(session):
    with pytest.raises(ValidationFailed) as refused:
        intake.register_device(
            session,
            WAREHOUSE,
            collection_id=make_collection(session).id,
            category="printer",
            ram_gb="lots",
            storage_gb=-5,
            storage_type="tape",
            colour="red",
        )
    assert set(refused.value.errors) == {
        "category",
        "ram_gb",
        "storage_gb",
        "storage_type",
        "colour",
    }


def test_correcting_a_device_records_old_and_new_values(session):
    device = intake.register_device(
        session,
        WAREHOUSE,
        collection_id=make_collection(session).id,
        serial_number="S1",
        category="laptop",
        manufacturer="Lenovo",
        ram_gb=4,
    )
    intake.update_device(
        session, WAREHOUSE, device, expected_version=device.version, ram_gb=8, model="ThinkPad T480"
    )
    last = session.scalars(
        select(DeviceEvent)
        .where(DeviceEvent.device_id == device.id)
        .order_by(DeviceEvent.id.desc())
    ).first()
    assert last.kind == "updated"
    assert last.payload["ram_gb"] == {"from": 4, "to": 8}
    assert device.ram_gb == 8 and device.model == "ThinkPad T480"


def test_a_typed_storage_keeps_the_drive_type_it_names(session):
    device = intake.register_device(
        session,
        WAREHOUSE,
        collection_id=make_collection(session).id,
        serial_number="T1",
        category="laptop",
        storage_gb="SSD 256 Go",
        ram_gb="8192 Mo",
    )
    assert (device.storage_gb, device.storage_type.value, device.ram_gb) == (256, "ssd", 8)


def test_a_form_accepts_only_what_an_import_would(session):
    from reuse.importing import values

    with pytest.raises(ValidationFailed) as refused:
        intake.register_device(
            session,
            WAREHOUSE,
            collection_id=make_collection(session).id,
            serial_number="T2",
            category="desktop",
            weight_kg=values.LIMITS["weight_kg"][1] + 1,
            screen_inches=0.5,
        )
    assert set(refused.value.errors) == {"weight_kg", "screen_inches"}


def test_a_serial_of_an_unknown_maker_clashes_with_the_same_serial_of_any_maker(session):
    collection = make_collection(session).id
    intake.register_device(
        session,
        WAREHOUSE,
        collection_id=collection,
        serial_number="KB-1",
        category="desktop",
        manufacturer="Dell",
    )
    with pytest.raises(Conflict, match="serial KB-1 is already registered"):
        intake.register_device(
            session, WAREHOUSE, collection_id=collection, serial_number="kb-1", category="desktop"
        )
    intake.register_device(
        session, WAREHOUSE, collection_id=collection, serial_number="NB-2", category="laptop"
    )
    with pytest.raises(Conflict, match="serial NB-2"):
        intake.register_device(
            session,
            WAREHOUSE,
            collection_id=collection,
            serial_number="NB-2",
            category="laptop",
            manufacturer="HP",
        )
