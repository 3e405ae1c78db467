"""Schemas of devices, their records and their events."""

import marshmallow as ma

from api.fields import Id
from api.schema import Schema
from reuse import codes
from reuse.importing.values import LIMITS
from reuse.models import (
    Category,
    DeviceStatus,
    ErasureMethod,
    ErasureTechnique,
    Grade,
    Outcome,
    StorageType,
)
from reuse.services.device_events import KINDS


def _display_code(device) -> str:
    code = device["code"] if isinstance(device, dict) else device.code
    return codes.display(code)


class DeviceFieldsSchema(Schema):
    """The descriptive fields a person sets (DESIGN section 3)."""

    serial_number = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=80))
    asset_tag = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=80))
    category = ma.fields.Enum(Category, by_value=True)
    manufacturer = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=80))
    model = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120))
    cpu = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120))
    ram_gb = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(*LIMITS["ram_gb"]))
    storage_gb = ma.fields.Integer(
        allow_none=True, validate=ma.validate.Range(*LIMITS["storage_gb"])
    )
    storage_type = ma.fields.Enum(StorageType, by_value=True, allow_none=True)
    screen_inches = ma.fields.Float(
        allow_none=True, validate=ma.validate.Range(*LIMITS["screen_inches"])
    )
    os = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=80))
    accessories = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    kit_required = ma.fields.Boolean()
    weight_kg = ma.fields.Float(allow_none=True, validate=ma.validate.Range(*LIMITS["weight_kg"]))
    notes = ma.fields.String(allow_none=True)


class DeviceSchema(DeviceFieldsSchema):
    code = ma.fields.String(dump_only=True)
    display_code = ma.fields.Function(_display_code, dump_only=True)
    donor_organisation = ma.fields.String(dump_only=True)
    grade = ma.fields.Enum(Grade, by_value=True, dump_only=True, allow_none=True)
    status = ma.fields.Enum(DeviceStatus, by_value=True, dump_only=True)
    status_changed_at = ma.fields.DateTime(dump_only=True)
    warehouse_id = Id(dump_only=True, allow_none=True)
    collection_id = Id(dump_only=True)
    cycle = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class DeviceCreateSchema(DeviceFieldsSchema):
    collection_id = Id(required=True)
    warehouse_id = Id(
        allow_none=True, metadata={"description": "when given, the device is received at once"}
    )
    category = ma.fields.Enum(Category, by_value=True, required=True)


class ErasureRecordSchema(Schema):
    id = ma.fields.Integer()
    cycle = ma.fields.Integer()
    drive_serial = ma.fields.String(allow_none=True)
    drive_type = ma.fields.Enum(StorageType, by_value=True, allow_none=True)
    capacity_gb = ma.fields.Integer(allow_none=True)
    method = ma.fields.Enum(ErasureMethod, by_value=True)
    technique = ma.fields.Enum(ErasureTechnique, by_value=True, allow_none=True)
    tool = ma.fields.String(allow_none=True)
    tool_version = ma.fields.String(allow_none=True)
    certificate_ref = ma.fields.String(allow_none=True)
    started_at = ma.fields.DateTime(allow_none=True)
    ended_at = ma.fields.DateTime(allow_none=True)
    result = ma.fields.Enum(Outcome, by_value=True)
    verification = ma.fields.String(allow_none=True)
    operator = ma.fields.String()
    report_hash = ma.fields.String(allow_none=True)
    recorded_at = ma.fields.DateTime()


class TestRecordSchema(Schema):
    id = ma.fields.Integer()
    cycle = ma.fields.Integer()
    result = ma.fields.Enum(Outcome, by_value=True)
    notes = ma.fields.String(allow_none=True)
    performed_at = ma.fields.DateTime()
    operator = ma.fields.String()


class ChecklistSchema(Schema):
    uefi_reset = ma.fields.Boolean()
    tpm_cleared = ma.fields.Boolean()
    bios_password_removed = ma.fields.Boolean()
    donor_marks_removed = ma.fields.Boolean()
    os_installed = ma.fields.String(allow_none=True)
    updated_at = ma.fields.DateTime()


class EventSchema(Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    from_status = ma.fields.Enum(DeviceStatus, by_value=True, allow_none=True)
    to_status = ma.fields.Enum(DeviceStatus, by_value=True, allow_none=True)
    actor_id = ma.fields.Integer(allow_none=True)
    actor_name = ma.fields.String()
    at = ma.fields.DateTime()
    payload = ma.fields.Dict()


class DeviceDetailSchema(DeviceSchema):
    erasure_records = ma.fields.List(ma.fields.Nested(ErasureRecordSchema), dump_only=True)
    test_records = ma.fields.List(ma.fields.Nested(TestRecordSchema), dump_only=True)
    checklist = ma.fields.Nested(ChecklistSchema, dump_only=True, allow_none=True)
    readiness_problems = ma.fields.List(ma.fields.String(), dump_only=True)
    events = ma.fields.List(ma.fields.Nested(EventSchema), dump_only=True)


class DeviceQueryArgsSchema(Schema):
    status = ma.fields.Enum(DeviceStatus, by_value=True)
    category = ma.fields.Enum(Category, by_value=True)
    grade = ma.fields.Enum(Grade, by_value=True)
    collection_id = Id()
    warehouse_id = Id()
    q = ma.fields.String(
        validate=ma.validate.Length(1, 120),
        metadata={"description": "a code (any form), serial number, asset tag or part of a model"},
    )


class DeviceEventRequestSchema(Schema):
    """A change recorded on a device; each kind takes its own fields."""

    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(list(KINDS)))
    warehouse_id = Id(metadata={"description": "received, returned"})
    method = ma.fields.Enum(ErasureMethod, by_value=True, metadata={"description": "erasure"})
    result = ma.fields.Enum(Outcome, by_value=True, metadata={"description": "erasure, test"})
    drive_serial = ma.fields.String(validate=ma.validate.Length(max=80))
    drive_type = ma.fields.Enum(StorageType, by_value=True)
    capacity_gb = ma.fields.Integer(validate=ma.validate.Range(0, 1_000_000))
    technique = ma.fields.Enum(ErasureTechnique, by_value=True)
    tool = ma.fields.String(validate=ma.validate.Length(max=80))
    tool_version = ma.fields.String(validate=ma.validate.Length(max=40))
    certificate_ref = ma.fields.String(validate=ma.validate.Length(max=120))
    started_at = ma.fields.AwareDateTime()
    ended_at = ma.fields.AwareDateTime()
    verification = ma.fields.String(validate=ma.validate.Length(max=200))
    operator = ma.fields.String(validate=ma.validate.Length(max=120))
    report_hash = ma.fields.String(validate=ma.validate.Length(max=128))
    notes = ma.fields.String(metadata={"description": "test"})
    performed_at = ma.fields.AwareDateTime()
    grade = ma.fields.Enum(Grade, by_value=True, metadata={"description": "graded"})
    reason = ma.fields.String(metadata={"description": "recycled (required), returned"})
    uefi_reset = ma.fields.Boolean(metadata={"description": "checklist"})
    tpm_cleared = ma.fields.Boolean()
    bios_password_removed = ma.fields.Boolean()
    donor_marks_removed = ma.fields.Boolean()
    os_installed = ma.fields.String(validate=ma.validate.Length(max=80))
    version = ma.fields.Integer(
        validate=ma.validate.Range(1, 2**31 - 1),
        metadata={"description": "the device version the change is based on (or If-Match)"},
    )
