"""Schema dumps written by the database: one statement returns a row's JSON, ready to send.

The device page is the read scanners and client systems ask for most. Reading its row and
records into Python, typing them, dumping them and encoding the result cost more than all the
rest of the request. `json_object` compiles a marshmallow schema into one SQL expression that
writes the same JSON as the schema's dump would, on PostgreSQL or SQLite. The schema stays the
one rule of the shape: every field is rendered from its declaration, and a field this module
cannot render is refused when the statement is built, not answered differently. The API's tests
compare, value for value and type for type, what the database writes with marshmallow's dump.
"""

import re
from dataclasses import dataclass

import marshmallow as ma
import sqlalchemy as sa
from marshmallow import fields
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import aggregate_order_by

from api.dumping import ISO_FORMATS, compile_dump
from reuse.models.base import UTCDateTime

_KEY = re.compile(r"[a-z_][a-z0-9_]*")
# PostgreSQL functions take at most 100 arguments: 50 key-value pairs.
_MAX_PAIRS = 50
# Constants are written into the statement, not bound: each bound value costs every execution.
_ONE, _ZERO = sa.literal_column("1"), sa.literal_column("0")
_EMPTY_ARRAY = sa.literal_column("'[]'::json")


@dataclass(frozen=True)
class Children:
    """Where a nested field's rows are: `table`'s rows whose `key` column holds the parent's id,
    in the order of `table`'s primary key."""

    table: sa.Table
    key: str


def json_object(
    schema: ma.Schema,
    table: sa.Table,
    dialect: str,
    *,
    children: dict[str, Children] | None = None,
    computed: dict[str, sa.ColumnElement] | None = None,
    omit: tuple[str, ...] = (),
) -> sa.ColumnElement:
    """The JSON object `schema` dumps from a row of `table`, as a SQL expression.

    A field reads the column of its attribute's name, a nested field the `children` rows named
    by its name, a Function field the expression `computed` gives it; `omit` leaves fields out
    for the caller to add. Refuses (TypeError) a field it cannot render as marshmallow would.
    """
    if compile_dump(schema) is None:
        raise TypeError(f"{type(schema).__name__} has dump hooks or reads attributes its own way")
    children = children or {}
    computed = computed or {}
    pairs = []
    for name, field in schema.dump_fields.items():
        if name in omit:
            continue
        key = field.data_key if field.data_key is not None else name
        if not _KEY.fullmatch(key):
            raise TypeError(f"{type(schema).__name__}.{name}: key {key!r} is not a plain name")
        if name in computed:
            value = computed[name]
        elif name in children:
            value = _nested(field, table, children[name], dialect)
        else:
            attribute = field.attribute if field.attribute is not None else name
            if attribute not in table.c:
                raise TypeError(f"{type(schema).__name__}.{name}: {table.name} has no {attribute}")
            value = _value(field, table.c[attribute], dialect)
            if value is None:
                raise TypeError(
                    f"{type(schema).__name__}.{name}: {type(field).__name__} fields are not "
                    "rendered in SQL"
                )
        pairs += [_constant(key), value]
    if len(pairs) > 2 * _MAX_PAIRS:
        raise TypeError(f"{type(schema).__name__} has more than {_MAX_PAIRS} fields")
    if dialect == "postgresql":
        return func.json_build_object(*pairs)
    _check(dialect)
    return func.json_object(*pairs)


def as_text(document: sa.ColumnElement, dialect: str) -> sa.ColumnElement:
    """The JSON as text, so that the driver hands it over without decoding it."""
    if dialect == "postgresql":
        return sa.cast(document, sa.Text)
    return sa.type_coerce(document, sa.Text)


def _value(field: fields.Field, column: sa.Column, dialect: str) -> sa.ColumnElement | None:
    """A column's value as the field dumps it, or None when it is not a field we render."""
    kind, stored = type(field), column.type
    if kind is fields.Enum and field.by_value in (True, False):
        _check_stored_as_dumped(field, column)
        return column
    if kind is fields.String and isinstance(stored, sa.String) and not isinstance(stored, sa.Enum):
        return column
    if kind is fields.Integer and not field.as_string and isinstance(stored, sa.Integer):
        return column
    if kind is fields.Float and not field.as_string and _has_fraction(stored, dialect):
        # A JSON number with a fraction reads back as the float marshmallow writes: 24.0 (a
        # float8 would write 24), 4.50. SQLite stores 24.0 as 24: REAL writes it back 24.0.
        return column if dialect == "postgresql" else sa.cast(column, sa.Float)
    if kind is fields.Boolean and isinstance(stored, sa.Boolean):
        if dialect == "postgresql":
            return column
        # SQLite stores 0 and 1; json() makes the text a JSON value, null stays null.
        return func.json(
            sa.case((column == _ONE, _constant("true")), (column == _ZERO, _constant("false")))
        )
    if kind is fields.DateTime and field.format in ISO_FORMATS and isinstance(stored, UTCDateTime):
        return _iso_datetime(column, dialect)
    plain_dict = kind is fields.Dict and field.key_field is None and field.value_field is None
    if plain_dict and isinstance(stored, sa.JSON):
        return column if dialect == "postgresql" else func.json(column)
    return None


def _has_fraction(stored: sa.types.TypeEngine, dialect: str) -> bool:
    if not isinstance(stored, sa.Numeric) or isinstance(stored, sa.Float) or not stored.scale:
        return False
    # SQLite keeps decimals as doubles and writes them to 15 significant digits.
    return dialect == "postgresql" or (stored.precision or 99) <= 15


def _check_stored_as_dumped(field: fields.Enum, column: sa.Column) -> None:
    # The column must hold the very strings the field dumps, members' values or names.
    stored = getattr(column.type, "enums", None)
    dumped = [member.value if field.by_value else member.name for member in field.enum]
    if stored is None or sorted(stored) != sorted(dumped):
        raise TypeError(f"{column}: the database does not store what the schema dumps")


def _iso_datetime(column: sa.Column, dialect: str) -> sa.ColumnElement:
    """datetime.isoformat() of the UTC moment: 2026-11-23T09:05:00.250000+00:00, with no
    fraction when it is zero."""
    if dialect == "postgresql":
        utc = func.timezone(_constant("UTC"), column)
        text = func.to_char(utc, _constant('YYYY-MM-DD"T"HH24:MI:SS.US'))
    else:
        _check(dialect)
        # Stored as UTC text, "2026-11-23 09:05:00.250000".
        text = func.replace(column, _constant(" "), _constant("T"))
    whole = func.replace(text, _constant(".000000"), _constant(""), type_=sa.Text)
    return whole.concat(_constant("+00:00"))


def _nested(field: fields.Field, table: sa.Table, where: Children, dialect: str):
    listed = type(field) is fields.List
    nested = field.inner if listed else field
    if type(nested) is not fields.Nested or not isinstance(nested.schema, ma.Schema):
        raise TypeError(f"{field.name}: only Nested schemas and lists of them are children")
    many = listed or nested.many or nested.schema.many
    if listed and (nested.many or nested.schema.many):
        raise TypeError(f"{field.name}: a list of lists is not a child")
    rows = where.table
    order = list(rows.primary_key)
    row = json_object(nested.schema, rows, dialect)
    matching = sa.select(row).where(rows.c[where.key] == table.c.id).correlate(table)
    if not many:
        first = matching.order_by(*order).limit(_ONE).offset(_ZERO).scalar_subquery()
        return first if dialect == "postgresql" else func.json(first)
    if dialect == "postgresql":
        found = func.json_agg(aggregate_order_by(row, *order))
        return matching.with_only_columns(func.coalesce(found, _EMPTY_ARRAY)).scalar_subquery()
    # SQLite has no ORDER BY in aggregates (before 3.44): aggregate an ordered subquery.
    ordered = matching.with_only_columns(row.label("row")).order_by(*order).subquery()
    return func.json(sa.select(func.json_group_array(func.json(ordered.c.row))).scalar_subquery())


def _constant(text: str) -> sa.ColumnElement:
    """A string written into the statement, not bound."""
    return sa.literal_column("'" + text.replace("'", "''") + "'", sa.Text)


def _check(dialect: str) -> None:
    if dialect not in ("sqlite", "postgresql"):
        raise ValueError(f"Reuse runs on SQLite and PostgreSQL, not on {dialect}")
