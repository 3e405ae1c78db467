"""Bulk import through the service: all rows or none, every error with its row and column."""

import pytest
from sqlalchemy import func, select

from reuse import codes
from reuse.errors import ImportRejected, NotFound, PermissionDenied
from reuse.models import Device, DeviceEvent, DeviceStatus
from reuse.services import device_import
from tests.builders import COORDINATOR, WAREHOUSE, make_collection, make_device, make_site

HEADER = "N° de série;N° d'inventaire;Catégorie;Marque;Modèle;RAM;Disque;Couleur\n"
GOOD = (
    HEADER
    + "5CG1;IMMO-1;Unité centrale;DELL;OptiPlex 7070;8 Go;SSD 256 Go;noir\n"
    + "5CG2;IMMO-2;Portable;hp;EliteBook 840 G5;16GB;512 Go NVMe;gris\n"
    + "5CG3;IMMO-3;Écran;Lenovo;ThinkVision T24i;;;noir\n"
)


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_an_import_registers_every_row_as_collected_with_its_event(session):
    collection = make_collection(session)
    report = device_import.import_devices(
        session, WAREHOUSE, collection.id, GOOD.encode("cp1252"), "parc.csv"
    )
    assert report.created == 3
    assert report.warnings == ["columns ignored: Couleur"]
    stored = session.scalars(select(Device).order_by(Device.serial_number)).all()
    assert [
        (d.serial_number, d.category.value, d.manufacturer, d.ram_gb, d.storage_gb) for d in stored
    ] == [
        ("5CG1", "desktop", "Dell", 8, 256),
        ("5CG2", "laptop", "HP", 16, 512),
        ("5CG3", "monitor", "Lenovo", None, None),
    ]
    assert all(
        d.status == DeviceStatus.COLLECTED and d.collection_id == collection.id for d in stored
    )
    assert stored[0].kit_required and not stored[1].kit_required
    events = session.scalars(select(DeviceEvent)).all()
    assert sorted(e.device_id for e in events) == sorted(d.id for d in stored)
    assert {(e.kind, e.to_status, e.payload["file"]) for e in events} == {
        ("registered", DeviceStatus.COLLECTED, "parc.csv")
    }


def test_a_dry_run_checks_everything_and_writes_nothing(session):
    report = device_import.import_devices(
        session, WAREHOUSE, make_collection(session).id, GOOD.encode(), "parc.csv", dry_run=True
    )
    assert report.created == 3 and len(report.records) == 3
    assert count(session, Device) == 0


def test_serials_and_asset_tags_already_in_the_database_are_reported_by_row(session):
    site = make_site(session, organisation="Telco")
    collection = make_collection(session, donor_site_id=site.id)
    known = make_device(
        session, collection_id=collection.id, serial_number="5CG2", manufacturer="HP"
    )
    make_device(session, collection_id=collection.id, serial_number="OTHER", asset_tag="IMMO-3")
    with pytest.raises(ImportRejected) as refused:
        device_import.import_devices(session, WAREHOUSE, collection.id, GOOD.encode(), "p.csv")
    errors = [(e.row, e.column) for e in refused.value.errors]
    assert errors == [(3, "N° de série"), (4, "N° d'inventaire")]
    assert codes.display(known.code) in refused.value.errors[0].message
    assert count(session, Device) == 2, "nothing of the refused file was written"


def test_one_bad_row_refuses_the_whole_file_with_every_error(session):
    bad = (
        HEADER
        + "A1;T1;Unité centrale;Dell;OptiPlex;8 Go;SSD 256 Go;\n"
        + "A2;T2;Imprimante;HP;LaserJet;;;\n"
        + "A3;T3;Portable;HP;EliteBook;beaucoup;;\n"
        + "A1;T4;UC;Dell;OptiPlex;8 Go;;\n"
    )
    with pytest.raises(ImportRejected) as refused:
        device_import.import_devices(
            session, WAREHOUSE, make_collection(session).id, bad.encode(), "p.csv"
        )
    rows = [(e.row, e.column) for e in refused.value.errors]
    assert rows == [(3, "Catégorie"), (4, "RAM"), (5, "N° de série")]
    assert count(session, Device) == 0 and count(session, DeviceEvent) == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused_clearly(session):
    with pytest.raises(ImportRejected) as refused:
        device_import.import_devices(
            session, WAREHOUSE, make_collection(session).id, b"%PDF-1.7\n\x00\x01\x02", "a.csv"
        )
    assert refused.value.errors and refused.value.errors[0].row == 1


def test_only_warehouse_staff_import_and_only_into_an_existing_collection(session):
    with pytest.raises(PermissionDenied):
        device_import.import_devices(
            session, COORDINATOR, make_collection(session).id, GOOD.encode(), "p.csv"
        )
    with pytest.raises(NotFound, match="collection"):
        device_import.import_devices(session, WAREHOUSE, 999_999, GOOD.encode(), "p.csv")
