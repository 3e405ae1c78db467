"""Schema dumps compiled once into plain functions: the same output as marshmallow, faster.

marshmallow walks every field's generic machinery for every value (about a quarter of a device
page's time in the API). `compile_dump` reads a schema's fields once and returns a function
doing only what each field's `_serialize` does for the values we dump; a field it does not know
keeps marshmallow's own `serialize`. The API's tests dump every response both ways and compare.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

import marshmallow as ma
from marshmallow import fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP
from marshmallow.utils import ensure_text_type, get_value

#: Turns one non-None value into its dumped form.
Convert = Callable[[Any], Any]

ISO_FORMATS = (None, "iso", "iso8601")


def compile_dump(schema: ma.Schema) -> Callable[[Any], dict] | None:
    """A function dumping one object as `schema.dump` would, or None when the schema has dump
    hooks or its own way of reading attributes (it then keeps marshmallow's own dump)."""
    if schema._hooks[PRE_DUMP] or schema._hooks[POST_DUMP]:
        return None
    if type(schema).get_attribute is not ma.Schema.get_attribute:
        return None
    steps = [_step(name, field, schema) for name, field in schema.dump_fields.items()]

    def dump(obj: Any) -> dict:
        result = {}
        for step in steps:
            step(obj, result)
        return result

    return dump


def _step(name: str, field: fields.Field, schema: ma.Schema) -> Callable[[Any, dict], None]:
    key = field.data_key if field.data_key is not None else name
    if type(field) is fields.Function and field.serialize_func is not None:
        function = field.serialize_func

        def computed(obj: Any, result: dict) -> None:
            result[key] = function(obj)

        return computed
    convert = _converter(field)
    if convert is None or not field._CHECK_ATTRIBUTE:
        accessor = schema.get_attribute

        def generic(obj: Any, result: dict) -> None:
            value = field.serialize(name, obj, accessor=accessor)
            if value is not missing:
                result[key] = value

        return generic

    attribute = field.attribute if field.attribute is not None else name
    plain = "." not in attribute

    def step(obj: Any, result: dict) -> None:
        if plain and type(obj) is dict:
            value = obj.get(attribute, missing)
        else:
            value = get_value(obj, attribute, missing)
        if value is missing:
            default = field.dump_default
            value = default() if callable(default) else default
            if value is missing:
                return
        result[key] = None if value is None else convert(value)

    return step


def _converter(field: fields.Field) -> Convert | None:
    """What `field._serialize` does to a non-None value, for the fields we use; else None."""
    kind = type(field)
    if kind is fields.String:
        return lambda value: value if type(value) is str else ensure_text_type(value)
    if kind in (fields.Integer, fields.Float) and not field.as_string:
        return field.num_type
    if kind in (fields.Raw, fields.Boolean):
        return _same
    if kind is fields.DateTime and field.format in ISO_FORMATS:
        return dt.datetime.isoformat
    if kind is fields.Date and field.format in ISO_FORMATS:
        return dt.date.isoformat
    if kind is fields.Enum:
        inner = _converter(field.field)
        if inner is None:
            return None
        if field.by_value:
            return lambda value: _none_or(inner, value.value)
        return lambda value: _none_or(inner, value.name)
    if kind is fields.Dict and field.key_field is None and field.value_field is None:
        return dict
    if kind is fields.Nested and isinstance(field.nested, type | ma.Schema):
        return _nested(field)
    if kind is fields.List:
        inner = _converter(field.inner)
        if inner is None:
            return None
        return lambda values: [_none_or(inner, value) for value in values]
    return None


def _nested(field: fields.Nested) -> Convert | None:
    schema = field.schema
    dump = compile_dump(schema)
    if dump is None:
        return None
    if field.many or schema.many:
        return lambda values: [dump(value) for value in values]
    return dump


def _same(value: Any) -> Any:
    return value


def _none_or(convert: Convert, value: Any) -> Any:
    return None if value is None else convert(value)
