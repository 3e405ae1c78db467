"""The device page's JSON, written by the database, is marshmallow's dump of DeviceDetailSchema:
the same keys, values and JSON types, for every field, on SQLite and PostgreSQL."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import marshmallow as ma
import pytest
import sqlalchemy as sa
from sqlalchemy import select, text

from api.devices import detail
from api.devices.schemas import DeviceDetailSchema, EventSchema
from api.schema import Schema
from api.sql_dumping import Children, as_text, json_object
from reuse import codes
from reuse.errors import DeviceNotFound, InvalidCode
from reuse.models import (
    Device,
    DeviceEvent,
    DeviceStatus,
    ErasureRecord,
    Outcome,
    PreparationChecklist,
    TestRecord,
)
from reuse.services import device_events, lifecycle
from tests.builders import ADMIN, make_device

_CHILDREN = {
    "erasure_records": ErasureRecord,
    "test_records": TestRecord,
    "events": DeviceEvent,
}


def _reference(session, device: Device) -> dict:
    """marshmallow's own dump of what the ORM reads, dates in UTC as the API sends them."""
    session.expire_all()
    device = session.get(Device, device.id)

    def values(obj) -> dict:
        row = {c.name: getattr(obj, c.key) for c in obj.__table__.c}
        return {k: v.astimezone(UTC) if isinstance(v, datetime) else v for k, v in row.items()}

    obj = values(device)
    for name, model in _CHILDREN.items():
        rows = session.scalars(select(model).where(model.device_id == device.id))
        obj[name] = sorted(map(values, rows), key=lambda row: row["id"])
    checklist = session.scalar(
        select(PreparationChecklist).where(PreparationChecklist.device_id == device.id)
    )
    obj["checklist"] = values(checklist) if checklist else None
    refurbishing = device.status == DeviceStatus.REFURBISHING
    obj["readiness_problems"] = (
        lifecycle.readiness_problems(session, device) if refurbishing else []
    )
    return json.loads(json.dumps(ma.Schema.dump(DeviceDetailSchema(), obj)))


def _same(written, expected, where="") -> None:
    """Equal values of the same JSON types: 24.0 is not 24, "2.50" is not 2.5."""
    assert type(written) is type(expected), f"{where}: {written!r} != {expected!r}"
    if isinstance(expected, dict):
        assert sorted(written) == sorted(expected), where
        for key in expected:
            _same(written[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(written) == len(expected), where
        for n, (one, other) in enumerate(zip(written, expected, strict=True)):
            _same(one, other, f"{where}[{n}]")
    else:
        assert written == expected, where


def _written(session, code: str) -> tuple[dict, int]:
    document, version = detail.device_json(session, code)
    return json.loads(document), version


@pytest.fixture
def tokyo(session):
    """On PostgreSQL, a session time zone far from UTC: dates must still be written in UTC."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL TIME ZONE 'Asia/Tokyo'"))


def test_every_field_of_a_device_with_all_its_records_is_written_as_marshmallow_dumps(
    session, tokyo
):
    device = make_device(
        session,
        DeviceStatus.REFURBISHING,
        category="desktop",
        kit_required=True,
        screen_inches=Decimal("24.0"),
        weight_kg=Decimal("4.50"),
        notes='Écran fêlé, "coin" \\ gauche\nà revoir',
        asset_tag=None,
    )
    device.status_changed_at = datetime(2026, 3, 1, 9, 5, tzinfo=UTC)  # no fraction
    session.add(
        ErasureRecord(
            device_id=device.id,
            cycle=device.cycle,
            drive_serial="WD-1",
            drive_type="hdd",
            capacity_gb=500,
            method="clear",
            technique="overwrite",
            tool="nwipe",
            tool_version="0.37",
            certificate_ref="C-1",
            started_at=datetime(2026, 3, 1, 9, 0, 0, 250000, tzinfo=UTC),
            ended_at=datetime(2026, 3, 1, 11, 0, tzinfo=UTC),
            result=Outcome.FAILED,
            verification="complète",
            operator="Zoé",
            report_hash="ab" * 32,
        )
    )
    device_events.record(session, ADMIN, device, "test", {"result": "failed", "notes": "fan"})
    device_events.record(
        session, ADMIN, device, "checklist", {"uefi_reset": True, "os_installed": "Debian 13"}
    )
    session.flush()

    written, version = _written(session, device.code.lower())

    expected = _reference(session, device)
    _same(written, expected)
    assert version == expected["version"]
    assert written["screen_inches"] == 24.0 and written["weight_kg"] == 4.5
    assert written["status_changed_at"] == "2026-03-01T09:05:00+00:00"
    assert written["erasure_records"][-1]["started_at"] == "2026-03-01T09:00:00.250000+00:00"
    assert written["checklist"]["uefi_reset"] is True
    assert written["checklist"]["tpm_cleared"] is False
    assert written["readiness_problems"] == ["its latest functional test failed"]
    assert [e["id"] for e in written["events"]] == sorted(e["id"] for e in written["events"])
    assert written["display_code"] == codes.display(device.code)


@pytest.mark.parametrize(
    "status",
    [DeviceStatus.COLLECTED, DeviceStatus.RECEIVED, DeviceStatus.READY, DeviceStatus.RECYCLED],
)
def test_devices_in_each_status_are_written_as_marshmallow_dumps(session, tokyo, status):
    device = make_device(session, status, category="desktop", weight_kg=Decimal("7"))
    written, _ = _written(session, device.code)
    _same(written, _reference(session, device))
    assert written["readiness_problems"] == []


def test_a_device_without_records_has_empty_lists_and_no_checklist(session):
    device = make_device(session)
    written, _ = _written(session, device.code)
    assert (written["erasure_records"], written["test_records"]) == ([], [])
    assert written["checklist"] is None and written["grade"] is None
    assert [e["kind"] for e in written["events"]] == ["registered"]
    assert written["events"][0]["payload"] == {}


def test_a_device_in_refurbishment_lists_what_stops_it_being_ready(session):
    device = make_device(session, DeviceStatus.REFURBISHING, category="desktop", kit_required=True)
    device.grade = None
    device.accessories = "keyboard"
    session.flush()
    written, _ = _written(session, device.code)
    assert written["readiness_problems"] == lifecycle.readiness_problems(session, device)
    assert written["readiness_problems"] == [
        "it has no grade",
        "its kit is incomplete: mouse not recorded",
    ]


def test_an_unknown_code_is_not_found_and_a_mistyped_one_is_refused(session):
    with pytest.raises(DeviceNotFound, match="KXBT-RHNP-R"):
        detail.device_json(session, "KXBT-RHNP-R")
    with pytest.raises(InvalidCode):
        detail.device_json(session, "not a code")


def test_a_field_the_database_cannot_write_as_marshmallow_would_is_refused_at_build_time():
    class Computed(Schema):
        code = ma.fields.String()
        shout = ma.fields.Method("shouting")

        def shouting(self, device):
            return device.code.upper()

    class AsString(Schema):
        weight_kg = ma.fields.Float(as_string=True)

    class WholeNumber(Schema):
        ram_gb = ma.fields.Float()  # 8 written where marshmallow writes 8.0

    class ByName(Schema):
        status = ma.fields.Enum(DeviceStatus)  # stored by value, dumped by name

    class NumberAsText(Schema):
        ram_gb = ma.fields.String()  # "8" where the column would write 8

    class EnumAsText(Schema):
        status = ma.fields.String()  # a plain Enum's member would dump as "Cls.MEMBER"

    class Hooked(Schema):
        model = ma.fields.String()

        @ma.post_dump
        def shout(self, data, **kwargs):
            return {key: value.upper() for key, value in data.items()}

    class TypedPayload(Schema):
        payload = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())

    devices, events = Device.__table__, DeviceEvent.__table__
    refused = [
        (Computed, devices, "shout"),
        (AsString, devices, "weight_kg"),
        (WholeNumber, devices, "ram_gb"),
        (ByName, devices, "does not store"),
        (NumberAsText, devices, "ram_gb"),
        (EnumAsText, devices, "status"),
        (Hooked, devices, "hooks"),
        (TypedPayload, events, "payload"),
    ]
    for schema, table, message in refused:
        for dialect in ("sqlite", "postgresql"):
            with pytest.raises(TypeError, match=message):
                json_object(schema(), table, dialect)


def test_children_are_only_nested_schemas():
    class Wrong(Schema):
        events = ma.fields.List(ma.fields.String())

    with pytest.raises(TypeError, match="Nested"):
        json_object(
            Wrong(),
            Device.__table__,
            "sqlite",
            children={"events": Children(DeviceEvent.__table__, "device_id")},
        )


def test_the_display_code_written_in_sql_is_the_display_form(session):
    device = make_device(session)
    written = session.scalar(
        select(codes.display_sql(Device.__table__.c.code)).where(Device.id == device.id)
    )
    assert written == codes.display(device.code)


def test_readiness_records_read_the_current_cycle_only(session):
    device = make_device(session, DeviceStatus.REFURBISHING)
    passed, latest = session.execute(
        sa.select(*lifecycle.readiness_records(device.id, device.cycle))
    ).one()
    assert (passed, latest) == (True, Outcome.PASSED)
    passed, latest = session.execute(
        sa.select(*lifecycle.readiness_records(device.id, device.cycle + 1))
    ).one()
    assert (passed, latest) == (False, None)


def test_decimals_are_stored_rounded_so_every_read_gives_the_same_number(client, headers, session):
    collection = make_device(session).collection_id
    session.commit()
    auth = headers["warehouse"]
    body = {"collection_id": collection, "category": "laptop", "weight_kg": 4.565}
    created = client.post("/api/v1/devices", json=body | {"screen_inches": 15.66}, headers=auth)
    assert created.status_code == 201
    assert (created.json["weight_kg"], created.json["screen_inches"]) == (4.57, 15.7)
    code = created.json["code"]
    read = client.get(f"/api/v1/devices/{code}", headers=auth)
    assert (read.json["weight_kg"], read.json["screen_inches"]) == (4.57, 15.7)
    etag = {"If-Match": read.headers["ETag"]}
    patched = client.patch(
        f"/api/v1/devices/{code}", json={"weight_kg": 0.004}, headers=auth | etag
    )
    assert patched.status_code == 422 and "weight_kg" in patched.json["errors"]
    patched = client.patch(
        f"/api/v1/devices/{code}", json={"weight_kg": 2.005}, headers=auth | etag
    )
    assert patched.json["weight_kg"] == 2.01
    assert client.get(f"/api/v1/devices/{code}", headers=auth).json["weight_kg"] == 2.01


def test_a_nested_field_with_many_is_a_list_as_marshmallow_dumps_it(session):
    class History(Schema):
        code = ma.fields.String()
        events = ma.fields.Nested(EventSchema, many=True)

    device = make_device(session, DeviceStatus.RECEIVED)
    dialect = session.get_bind().dialect.name
    document = json_object(
        History(),
        Device.__table__,
        dialect,
        children={"events": Children(DeviceEvent.__table__, "device_id")},
    )
    written = session.scalar(select(as_text(document, dialect)).where(Device.id == device.id))
    events = session.scalars(
        select(DeviceEvent).where(DeviceEvent.device_id == device.id).order_by(DeviceEvent.id)
    ).all()
    for event in events:
        event.at = event.at.astimezone(UTC)
    expected = ma.Schema.dump(History(), {"code": device.code, "events": events})
    _same(json.loads(written), json.loads(json.dumps(expected)))
    assert [e["kind"] for e in json.loads(written)["events"]] == ["registered", "received"]
