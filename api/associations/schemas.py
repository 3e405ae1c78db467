"""Schemas of associations."""

import marshmallow as ma

from api.schema import Schema


class AssociationSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(1, 200))
    legal_id = ma.fields.String(
        allow_none=True,
        metadata={"description": "RNA number (W + 9 digits) or SIRET (14 digits, Luhn)"},
    )
    legal_id_missing_reason = ma.fields.String(
        allow_none=True, metadata={"description": "required when there is no legal id"}
    )
    address = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    postcode = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=10))
    city = ma.fields.String(required=True, validate=ma.validate.Length(1, 120))
    contact_name = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=120))
    contact_email = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=254))
    contact_phone = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=30))
    focus_areas = ma.fields.List(ma.fields.String(validate=ma.validate.Length(max=80)))
    active = ma.fields.Boolean()


class AssociationNameSchema(Schema):
    """What warehouse staff may see of an association (DESIGN section 11): its name."""

    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(dump_only=True)


class AssociationQueryArgsSchema(Schema):
    q = ma.fields.String(metadata={"description": "part of the name or city"})
    active = ma.fields.Boolean()
