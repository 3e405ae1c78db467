"""A row and its children read in one statement, as one JSON document.

A round trip to the database costs far more than the few rows it brings (on PostgreSQL, about
0.3 ms of CPU between driver, SQLAlchemy and server), and so does every column of a result, so
the hottest read, a device with its records and history, is one statement with one column: a
JSON array holding the device's row and, for each child table, an array of rows, each row an
array of values, typed again here as SQLAlchemy would have typed the columns.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import func

from reuse.models.base import UTCDateTime


def json_array(values: list[sa.ColumnElement], dialect: str) -> sa.ColumnElement:
    """A JSON array of `values`; JSON values are nested as they are, not as strings."""
    if dialect == "postgresql":
        return func.json_build_array(*values)
    _check(dialect)
    # On SQLite, JSON is text once stored or out of a subquery: json() makes it JSON again.
    return func.json_array(*(func.json(v) if isinstance(v.type, sa.JSON) else v for v in values))


def rows_as_json(table: sa.Table, where: sa.ColumnElement, dialect: str) -> sa.ScalarSelect:
    """A scalar subquery of `table`'s rows matching `where`: a JSON array of positional rows,
    in `table.c` order, in no particular order of rows."""
    row = json_array(list(table.c), dialect)
    if dialect == "postgresql":
        rows = func.coalesce(func.json_agg(row), sa.literal_column("'[]'::json"))
    else:
        rows = func.json_group_array(row)
    return sa.select(sa.type_coerce(rows, sa.JSON)).where(where).scalar_subquery()


def _check(dialect: str) -> None:
    if dialect != "sqlite":
        raise ValueError(f"Reuse runs on SQLite and PostgreSQL, not on {dialect}")


def row_reader(table: sa.Table) -> Callable[[list], dict]:
    """A function turning one positional row of `rows_as_json` into a dict of typed values."""
    names = [column.name for column in table.c]
    converters = [_converter(column.type) for column in table.c]

    def read(values: list) -> dict:
        return {
            name: value if convert is None or value is None else convert(value)
            for name, convert, value in zip(names, converters, values, strict=True)
        }

    return read


def _converter(column_type: sa.types.TypeEngine) -> Callable | None:
    if isinstance(column_type, UTCDateTime):
        return _utc_datetime
    if isinstance(column_type, sa.Enum) and column_type.enum_class is not None:
        return column_type.enum_class
    if isinstance(column_type, sa.Boolean):
        return bool  # SQLite gives 0 and 1
    if isinstance(column_type, sa.Numeric) and not isinstance(column_type, sa.Float):
        # JSON numbers lose trailing zeros: give back the column's scale (2.50, not 2.5).
        if column_type.scale is None:
            return lambda value: Decimal(str(value))
        exponent = Decimal(1).scaleb(-column_type.scale)
        return lambda value: Decimal(str(value)).quantize(exponent)
    return None  # text, numbers, and JSON values, which come back nested


def _utc_datetime(text: str) -> datetime:
    # PostgreSQL writes ISO 8601 with the session's offset; SQLite the stored UTC text, naive.
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
