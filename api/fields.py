"""Fields and URL converters shared by the API's schemas and routes."""

import marshmallow as ma
from werkzeug.routing import IntegerConverter

#: Ids are 32-bit on PostgreSQL: a larger number can name nothing and must not reach the driver.
MAX_ID = 2**31 - 1


def Id(**kwargs) -> ma.fields.Integer:
    """An id of another record, a positive 32-bit integer."""
    return ma.fields.Integer(validate=ma.validate.Range(1, MAX_ID), **kwargs)


class IdConverter(IntegerConverter):
    """`<id:name>` in routes: an integer from 1 to MAX_ID, anything else is a 404."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, min=1, max=MAX_ID)


def id_schema(converter, *args, **kwargs) -> dict:
    """How an `<id:...>` path parameter is documented in OpenAPI."""
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}
