"""Schemas of needs and their review."""

import marshmallow as ma

from api.fields import Id
from api.schema import Schema
from reuse.models import Category, Grade, NeedStatus


class NeedSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    programme_id = Id(required=True)
    association_id = Id(
        metadata={"description": "required for coordinators; an association's user: its own"}
    )
    category = ma.fields.Enum(Category, by_value=True, required=True)
    quantity_min = ma.fields.Integer(required=True, validate=ma.validate.Range(0, 100_000))
    quantity_max = ma.fields.Integer(required=True, validate=ma.validate.Range(1, 100_000))
    min_ram_gb = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(0, 4096))
    min_storage_gb = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(0, 1_000_000))
    min_grade = ma.fields.Enum(Grade, by_value=True, allow_none=True)
    needs_kit = ma.fields.Boolean(load_default=False)
    priority = ma.fields.Integer(load_default=3, validate=ma.validate.Range(1, 5))
    justification = ma.fields.String(allow_none=True)
    status = ma.fields.Enum(NeedStatus, by_value=True, dump_only=True)
    submitted_at = ma.fields.DateTime(dump_only=True)
    reviewed_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    review_note = ma.fields.String(dump_only=True, allow_none=True)


class NeedQueryArgsSchema(Schema):
    programme_id = Id()
    association_id = Id()
    status = ma.fields.Enum(NeedStatus, by_value=True)
    category = ma.fields.Enum(Category, by_value=True)


class ReviewSchema(Schema):
    note = ma.fields.String(allow_none=True, metadata={"description": "why; required to reject"})
