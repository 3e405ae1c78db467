"""Schemas of collections and of the asset-list import."""

import marshmallow as ma
from flask_smorest.fields import Upload

from api.fields import Id
from api.schema import Schema
from reuse.models import CollectionStatus


class CollectionSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    reference = ma.fields.String(validate=ma.validate.Length(1, 60))
    donor_site_id = Id(required=True)
    warehouse_id = Id(allow_none=True)
    collected_on = ma.fields.Date(required=True)
    status = ma.fields.Enum(CollectionStatus, by_value=True, dump_only=True)
    notes = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


class CollectionUpdateSchema(Schema):
    warehouse_id = Id(allow_none=True)
    collected_on = ma.fields.Date()
    status = ma.fields.Enum(CollectionStatus, by_value=True)
    notes = ma.fields.String(allow_none=True)


class CollectionQueryArgsSchema(Schema):
    donor_site_id = Id()
    warehouse_id = Id()
    status = ma.fields.Enum(CollectionStatus, by_value=True)


class ImportSchema(Schema):
    file = Upload(required=True, metadata={"description": "the asset list, CSV or XLSX"})
    dry_run = ma.fields.Boolean(
        load_default=False, metadata={"description": "check the file and write nothing"}
    )


class ImportResultSchema(Schema):
    created = ma.fields.Integer(metadata={"description": "devices created (or that would be)"})
    dry_run = ma.fields.Boolean()
    warnings = ma.fields.List(ma.fields.String())


class RowErrorSchema(Schema):
    row = ma.fields.Integer(metadata={"description": "as in the spreadsheet: the header is row 1"})
    column = ma.fields.String(allow_none=True, metadata={"description": "header as written"})
    message = ma.fields.String()


class ImportRefusedSchema(Schema):
    code = ma.fields.Integer()
    status = ma.fields.String()
    message = ma.fields.String()
    errors = ma.fields.List(ma.fields.Nested(RowErrorSchema))
