"""A device's detail, read in one statement, holds what the ORM holds, typed the same way."""

from datetime import UTC
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from reuse.errors import DeviceNotFound
from reuse.models import (
    Device,
    DeviceEvent,
    DeviceStatus,
    ErasureRecord,
    Grade,
    Outcome,
    PreparationChecklist,
    TestRecord,
)
from reuse.services import device_events, devices
from tests.builders import ADMIN, make_device


def _as_orm_has_it(session, model, device_id) -> list[dict]:
    rows = session.scalars(select(model).where(model.device_id == device_id))
    columns = model.__table__.c
    return sorted(
        ({c.name: getattr(row, c.key) for c in columns} for row in rows),
        key=lambda row: row.get("id", 0),
    )


def test_records_history_and_checklist_come_typed_and_in_order(session):
    device = make_device(
        session,
        DeviceStatus.REFURBISHING,
        category="desktop",
        screen_inches=Decimal("24.0"),
        weight_kg=Decimal("4.50"),
        notes="Écran fêlé",
    )
    device_events.record(session, ADMIN, device, "test", {"result": "failed", "notes": "fan"})
    device_events.record(
        session, ADMIN, device, "checklist", {"uefi_reset": True, "os_installed": "Debian 13"}
    )
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # Dates must come back in UTC whatever the session's time zone.
        session.execute(text("SET LOCAL TIME ZONE 'Asia/Tokyo'"))

    found = devices.detail(session, device.code.lower())

    session.expire(device)  # compare with what the ORM reads back
    assert {c.name: found[c.name] for c in Device.__table__.c} == {
        c.name: getattr(device, c.key) for c in Device.__table__.c
    }
    assert found["created_at"].tzinfo is UTC and isinstance(found["kit_required"], bool)
    assert (str(found["screen_inches"]), str(found["weight_kg"])) == ("24.0", "4.50")

    assert found["erasure_records"] == _as_orm_has_it(session, ErasureRecord, device.id)
    assert found["test_records"] == _as_orm_has_it(session, TestRecord, device.id)
    assert found["events"] == _as_orm_has_it(session, DeviceEvent, device.id)
    assert [found["checklist"]] == _as_orm_has_it(session, PreparationChecklist, device.id)
    assert found["checklist"]["uefi_reset"] is True and found["checklist"]["tpm_cleared"] is False
    assert found["test_records"][-1]["result"] is Outcome.FAILED
    assert found["status"] is DeviceStatus.REFURBISHING and found["grade"] is Grade.B
    assert all(e["at"].tzinfo is UTC for e in found["events"])
    assert found["events"][0]["kind"] == "registered"
    assert [e["id"] for e in found["events"]] == sorted(e["id"] for e in found["events"])
    assert found["readiness_problems"] == ["its latest functional test failed"]


def test_a_device_without_records_has_empty_lists_and_no_checklist(session):
    device = make_device(session)
    found = devices.detail(session, device.code)
    assert (found["erasure_records"], found["test_records"], found["checklist"]) == ([], [], None)
    assert [e["kind"] for e in found["events"]] == ["registered"]


def test_an_unknown_code_is_not_found(session):
    with pytest.raises(DeviceNotFound, match="no device has the code"):
        devices.detail(session, "KXBT-RHNP-R")
