"""Schemas of donor sites and warehouses."""

import marshmallow as ma

from api.schema import Schema


class DonorSiteSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    organisation = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    name = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    kind = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=60))
    address = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    postcode = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=10))
    city = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))


class WarehouseSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    address = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    city = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
