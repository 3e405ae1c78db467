"""Schemas of programmes."""

import marshmallow as ma

from api.schema import Schema


class ProgrammeSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(1, 160))
    partner = ma.fields.String(required=True, validate=ma.validate.Length(1, 160))
    territory = ma.fields.String(required=True, validate=ma.validate.Length(1, 160))
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(allow_none=True)
    target_devices = ma.fields.Integer(load_default=0, validate=ma.validate.Range(0, 10_000_000))
