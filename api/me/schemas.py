"""Schemas of /me."""

import marshmallow as ma

from api.fields import Id
from api.schema import Schema
from reuse.models import Role


class MeSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    email = ma.fields.String(dump_only=True)
    name = ma.fields.String(dump_only=True, allow_none=True)
    role = ma.fields.Enum(Role, by_value=True, dump_only=True)
    association_id = Id(dump_only=True, allow_none=True)
