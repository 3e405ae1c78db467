"""The compiled dump gives what marshmallow gives, field kind by field kind (api.dumping)."""

import datetime as dt
import enum
import json
from decimal import Decimal

import marshmallow as ma
import pytest

from api.schema import Schema


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Inner(Schema):
    id = ma.fields.Integer()
    secret = ma.fields.String()


class Everything(Schema):
    text = ma.fields.String(allow_none=True)
    number = ma.fields.Integer()
    ratio = ma.fields.Float()
    flag = ma.fields.Boolean()
    raw = ma.fields.Raw()
    at = ma.fields.DateTime()
    on = ma.fields.Date()
    by_value = ma.fields.Enum(Colour, by_value=True)
    by_name = ma.fields.Enum(Colour)
    mapping = ma.fields.Dict()
    words = ma.fields.List(ma.fields.String())
    one = ma.fields.Nested(Inner)
    many = ma.fields.List(ma.fields.Nested(Inner))
    many_instance = ma.fields.Nested(Inner(many=True))
    only_id = ma.fields.Nested(Inner, only=("id",))
    renamed = ma.fields.String(data_key="newName")
    sourced = ma.fields.String(attribute="source")
    defaulted = ma.fields.String(dump_default="none given")
    computed = ma.fields.Function(lambda obj: "computed")
    decimal = ma.fields.Decimal()  # not compiled: marshmallow's own serialize


FULL = {
    "text": 12,
    "number": "7",
    "ratio": Decimal("2.50"),
    "flag": 1,
    "raw": {"a": [1, None]},
    "at": dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC),
    "on": dt.date(2026, 11, 23),
    "by_value": Colour.RED,
    "by_name": Colour.BLUE,
    "mapping": {"k": "v"},
    "words": ["a", None, 3],
    "one": {"id": 1, "secret": "s"},
    "many": [{"id": 2, "secret": None}],
    "many_instance": [{"id": 3, "secret": "t"}],
    "only_id": {"id": 4, "secret": "hidden"},
    "renamed": "r",
    "source": "from elsewhere",
    "decimal": Decimal("1.10"),
}


class Object:
    def __init__(self, values):
        self.__dict__.update(values)


def _json(data) -> str:
    return json.dumps(data, sort_keys=True, default=repr)


@pytest.mark.parametrize(
    "obj",
    [FULL, {**FULL, "text": None, "one": None, "many": []}, {}, Object(FULL)],
    ids=["full", "nones", "empty", "object"],
)
def test_the_compiled_dump_matches_marshmallow(obj):
    schema = Everything()
    assert _json(schema.dump(obj)) == _json(ma.Schema.dump(schema, obj))
    assert _json(schema.dump([obj], many=True)) == _json(ma.Schema.dump(schema, [obj], many=True))


def test_a_dumped_instance_nested_with_only_dumps_only_those_fields():
    shared = Inner()
    shared.dump({"id": 1, "secret": "s"})

    class Outer(Schema):
        inner = ma.fields.Nested(shared, only=("id",))

        @ma.post_dump
        def keep(self, data, **kwargs):
            return data

    assert Outer().dump({"inner": {"id": 1, "secret": "s"}}) == {"inner": {"id": 1}}
