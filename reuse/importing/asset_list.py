"""An operator's asset list (CSV or XLSX bytes) -> normalised device records and every error.

Pure: no database. The caller checks duplicates against the database and refuses the import
when ``errors`` is not empty. Each column is normalised once per distinct cell text and the
results spread back over the rows, so a 100,000-row file costs little more than reading it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

from reuse.importing import values
from reuse.importing.columns import COLUMN_ALIASES, REQUIRED_FIELDS, ColumnMatch, match_header
from reuse.importing.reader import UnreadableFile, read_table

#: The device fields a record holds, besides "row".
DEVICE_FIELDS: tuple[str, ...] = (
    "serial_number",
    "asset_tag",
    "category",
    "manufacturer",
    "model",
    "cpu",
    "ram_gb",
    "storage_gb",
    "storage_type",
    "screen_inches",
    "os",
    "accessories",
    "weight_kg",
    "notes",
)

_IDENTIFIERS = ("serial_number", "asset_tag")

_PARSERS: dict[str, Callable[..., Any]] = {
    "serial_number": values.normalise_serial,
    "asset_tag": values.normalise_asset_tag,
    "category": values.parse_category,
    "manufacturer": values.normalise_manufacturer,
    "model": values.text_normaliser("model"),
    "cpu": values.text_normaliser("cpu"),
    "ram_gb": values.parse_ram_gb,
    "storage_gb": values.parse_storage,
    "storage_type": values.parse_storage_type,
    "screen_inches": values.parse_screen_inches,
    "os": values.text_normaliser("os"),
    "accessories": values.normalise_accessories,
    "weight_kg": values.parse_weight_kg,
    "notes": values.normalise_notes,
}
_TAKES_UNIT = frozenset({"ram_gb", "storage_gb", "screen_inches", "weight_kg"})


@dataclass(frozen=True)
class RowError:
    """One problem of the file, where a person finds it in a spreadsheet.

    ``row`` counts the header as row 1; file-level problems are on the header's row. ``column``
    is the header as written in the file, or None for a problem of the whole row or file.
    """

    row: int
    column: str | None
    message: str


@dataclass
class ParsedAssetList:
    """What a file holds: one record per data row, every error, and how its columns were read.

    A record holds None where its cell was empty or wrong; the caller refuses the import when
    ``errors`` is not empty. After a file-level error (unreadable file, missing or doubled
    column) there are no records.
    """

    records: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    column_map: dict[str, str] = field(default_factory=dict)


@dataclass
class _Column:
    """One recognised column, its cells factorised: row -> distinct text -> value or problem."""

    match: ColumnMatch
    codes: np.ndarray
    texts: list
    values: list
    problems: list
    blank: np.ndarray


def parse_asset_list(data: bytes, filename: str) -> ParsedAssetList:
    """Read an asset list into device records, reporting every error of the file at once."""
    try:
        table = read_table(data, filename)
    except UnreadableFile as problem:
        return ParsedAssetList(errors=[RowError(1, None, str(problem))])
    header_index = _header_index(table)
    if header_index is None:
        return ParsedAssetList(errors=[RowError(1, None, "the file is empty: no cell holds text")])
    header_row = header_index + 1
    headers = [str(cell).strip() for cell in table.iloc[header_index]]
    body = table.iloc[header_index + 1 :]
    matches, ignored = _match_headers(headers, body)
    result = ParsedAssetList(
        ignored_columns=ignored, column_map={m.header: m.field for m in matches}
    )
    result.errors = _column_errors(matches, header_row)
    if result.errors:
        return result
    columns = {m.field: _read_column(body[m.position], m) for m in matches}
    keep = ~np.logical_and.reduce([c.blank[c.codes] for c in columns.values()])
    if not keep.any():
        result.errors = [RowError(header_row, None, "the file has no data rows below the header")]
        return result
    rows = np.flatnonzero(keep) + header_row + 1
    for column in columns.values():
        column.codes = column.codes[keep]
    _unify_manufacturers(columns)
    fields = {n: _row_values(c) for n, c in columns.items() if n != "storage_gb"}
    located = []
    for column in columns.values():
        located += _cell_errors(column, rows)
    if "storage_gb" in columns:
        located += _split_storage(fields, columns, rows)
    located += _empty_category_errors(columns["category"], rows)
    located += _missing_identifier_errors(columns, rows, len(headers))
    located += _duplicate_errors(fields, columns, rows)
    located.sort(key=lambda item: (item[0].row, item[1]))
    result.errors = [error for error, _ in located]
    result.records = _records(rows, fields)
    return result


#: How far down a title block above the headers may reach ("Inventaire parc 2026", a date...).
HEADER_SEARCH_ROWS = 10


def _header_index(table: pd.DataFrame) -> int | None:
    """The header row: the first of the top rows that names a required column, or else the
    first row with any text (whose missing columns are then reported)."""
    first = None
    for index, cells in enumerate(table.itertuples(index=False)):
        texts = [str(cell).strip() for cell in cells]
        if not any(texts):
            continue
        if first is None:
            first = index
        if any(_names_required(text) for text in texts if text):
            return index
        if index - first >= HEADER_SEARCH_ROWS:
            break
    return first


def _names_required(text: str) -> bool:
    match = match_header(text, 0)
    return match is not None and match.field in REQUIRED_FIELDS


def _column_letters(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _match_headers(headers: list[str], body: pd.DataFrame) -> tuple[list[ColumnMatch], list[str]]:
    matches, ignored = [], []
    for position, header in enumerate(headers):
        if not header:
            # Columns past the header's end are read only so that a long row is not refused.
            if (body[position].str.strip() != "").any():
                ignored.append(f"(no header, column {_column_letters(position)})")
            continue
        match = match_header(header, position)
        if match is None:
            ignored.append(header)
        else:
            matches.append(match)
    return matches, ignored


def _column_errors(matches: list[ColumnMatch], header_row: int) -> list[RowError]:
    errors = []
    first_by_field: dict[str, ColumnMatch] = {}
    for match in matches:
        first = first_by_field.setdefault(match.field, match)
        if first is not match:
            errors.append(
                RowError(
                    header_row,
                    match.header,
                    f"columns '{first.header}' ({_column_letters(first.position)}) and "
                    f"'{match.header}' ({_column_letters(match.position)}) both give "
                    f"{match.field}; keep only one of them",
                )
            )
    for required in REQUIRED_FIELDS:
        if required not in first_by_field:
            accepted = ", ".join(a for a, f in COLUMN_ALIASES.items() if f == required)
            errors.append(
                RowError(
                    header_row,
                    required,
                    f"missing required column '{required}'; name it one of: {accepted}",
                )
            )
    if not first_by_field.keys() & set(_IDENTIFIERS):
        errors.append(
            RowError(
                header_row,
                None,
                "the file needs a serial number column (such as 'N° de série') or an asset tag "
                "column (such as 'N° d'inventaire')",
            )
        )
    return errors


def _clean(raw: list[str]) -> list[str | None]:
    texts = [text.strip() for text in raw]
    # Excel's way of keeping leading zeros in a CSV: ="00123".
    texts = [t[2:-1].strip() if t[:2] == '="' and t[-1:] == '"' else t for t in texts]
    return values.blank_out_missing(texts)


def _read_column(cells: pd.Series, match: ColumnMatch) -> _Column:
    parse = _PARSERS[match.field]
    if match.field in _TAKES_UNIT:
        parse = partial(parse, unit=match.unit)
    codes, distinct = pd.factorize(cells)
    # A list of Python strings: iterating the pandas array itself costs far more.
    texts = _clean(np.asarray(distinct, dtype=object).tolist())
    try:
        parsed = [None if text is None else parse(text) for text in texts]
        problems = [None] * len(texts)
    except ValueError:
        # Some value is wrong: parse them one by one to keep every message.
        parsed, problems = [], []
        for text in texts:
            value = problem = None
            if text is not None:
                try:
                    value = parse(text)
                except ValueError as error:
                    problem = str(error)
            parsed.append(value)
            problems.append(problem)
    blank = np.array([text is None for text in texts], dtype=bool)
    return _Column(match, codes, texts, parsed, problems, blank)


def _unify_manufacturers(columns: dict[str, _Column]) -> None:
    column = columns.get("manufacturer")
    if column is None:
        return
    counts: dict[str, int] = {}
    for name, count in zip(
        column.values, np.bincount(column.codes, minlength=len(column.values)), strict=True
    ):
        if name is not None and count:
            counts[name] = counts.get(name, 0) + int(count)
    spelling = values.unify_spellings(counts)
    column.values = [spelling.get(name, name) for name in column.values]


def _row_values(column: _Column) -> list:
    distinct = np.empty(len(column.values), dtype=object)
    distinct[:] = column.values
    return distinct[column.codes].tolist()


def _cell_errors(column: _Column, rows: np.ndarray) -> list[tuple[RowError, int]]:
    has_problem = np.array([p is not None for p in column.problems], dtype=bool)
    where = np.flatnonzero(has_problem[column.codes])
    header, position = column.match.header, column.match.position
    return [
        (RowError(int(rows[i]), header, column.problems[column.codes[i]]), position) for i in where
    ]


def _split_storage(
    fields: dict[str, list], columns: dict[str, _Column], rows: np.ndarray
) -> list[tuple[RowError, int]]:
    """Fill storage_gb and storage_type from the storage column; a storage type column wins."""
    column = columns["storage_gb"]
    # A header such as "SSD" or "Disque SSD" gives its type to the cells that name none.
    header_type = next(
        (w for w in values.plain_words(column.match.header) if w in values.STORAGE_TYPES), None
    )
    sizes, named, implied = (np.empty(len(column.values), dtype=object) for _ in range(3))
    for index, parsed in enumerate(column.values):
        size, drive_type = parsed or (None, None)
        sizes[index], named[index] = size, drive_type
        implied[index] = drive_type or (header_type if size else None)
    fields["storage_gb"] = sizes[column.codes].tolist()
    if "storage_type" not in fields:
        fields["storage_type"] = implied[column.codes].tolist()
        return []
    stated = np.empty(len(rows), dtype=object)
    stated[:] = fields["storage_type"]
    named_rows = named[column.codes]
    type_column = columns["storage_type"]
    has_stated = np.array([v is not None for v in type_column.values], dtype=bool)
    has_stated = has_stated[type_column.codes]
    has_named = np.array([v is not None for v in named], dtype=bool)[column.codes]
    fields["storage_type"] = np.where(has_stated, stated, implied[column.codes]).tolist()
    clash = np.flatnonzero(has_stated & has_named & (stated != named_rows))
    errors = []
    for index in clash:
        stated_text = type_column.texts[type_column.codes[index]]
        storage_text = column.texts[column.codes[index]]
        message = (
            f"storage type '{stated_text}' contradicts '{storage_text}' in column "
            f"'{column.match.header}'"
        )
        error = RowError(int(rows[index]), type_column.match.header, message)
        errors.append((error, type_column.match.position))
    return errors


def _empty_category_errors(column: _Column, rows: np.ndarray) -> list[tuple[RowError, int]]:
    where = np.flatnonzero(column.blank[column.codes])
    message = f"category is empty; expected one of: {', '.join(values.CATEGORIES)}"
    return [
        (RowError(int(rows[i]), column.match.header, message), column.match.position) for i in where
    ]


def _missing_identifier_errors(
    columns: dict[str, _Column], rows: np.ndarray, row_level: int
) -> list[tuple[RowError, int]]:
    blank = np.ones(len(rows), dtype=bool)
    for name in _IDENTIFIERS:
        if name in columns:
            # A wrong identifier already has its own error; a blank one is what this is about.
            blank &= columns[name].blank[columns[name].codes]
    message = "the row has neither a serial number nor an asset tag"
    return [(RowError(int(rows[i]), None, message), row_level) for i in np.flatnonzero(blank)]


def _duplicate_errors(
    fields: dict[str, list], columns: dict[str, _Column], rows: np.ndarray
) -> list[tuple[RowError, int]]:
    errors = []
    if "serial_number" in columns:
        serials = fields["serial_number"]
        makers = fields.get("manufacturer") or [None] * len(rows)
        serial_codes = _identity_codes(columns["serial_number"], str)
        maker_codes = np.zeros(len(rows), dtype=np.int64)
        if "manufacturer" in columns:
            maker_codes += _identity_codes(columns["manufacturer"], str.casefold) + 1
        # One code per (serial, manufacturer) pair; -1 where the serial is missing.
        pair_codes = np.where(
            serial_codes >= 0, serial_codes * (int(maker_codes.max()) + 1) + maker_codes, -1
        )
        column = columns["serial_number"].match
        for index, first in _later_duplicates(pair_codes):
            of = f" of {makers[index]}" if makers[index] else ""
            message = f"serial number '{serials[index]}'{of} is already on row {rows[first]}"
            errors.append((RowError(int(rows[index]), column.header, message), column.position))
    if "asset_tag" in columns:
        tags = fields["asset_tag"]
        column = columns["asset_tag"].match
        for index, first in _later_duplicates(_identity_codes(columns["asset_tag"], str.casefold)):
            message = f"asset tag '{tags[index]}' is already on row {rows[first]}"
            errors.append((RowError(int(rows[index]), column.header, message), column.position))
    return errors


def _identity_codes(column: _Column, key: Callable[[str], str]) -> np.ndarray:
    """Per row, a code shared by the rows whose values have the same key; -1 for no value."""
    keyed = np.empty(len(column.values), dtype=object)
    keyed[:] = [None if value is None else key(value) for value in column.values]
    distinct_codes, _ = pd.factorize(keyed)
    return distinct_codes[column.codes].astype(np.int64)


def _later_duplicates(codes: np.ndarray) -> list[tuple[int, int]]:
    """(index, index of the first row with its code) for each later row; -1 codes never clash."""
    present = np.flatnonzero(codes >= 0)
    _, first, inverse = np.unique(codes[present], return_index=True, return_inverse=True)
    first_of_each = first[inverse]
    later = np.flatnonzero(first_of_each != np.arange(len(present)))
    return [(int(present[i]), int(present[first_of_each[i]])) for i in later]


def _records(rows: np.ndarray, fields: dict[str, list]) -> list[dict]:
    keys = ("row", *DEVICE_FIELDS)
    columns = [rows.tolist()] + [fields.get(name) or repeat(None) for name in DEVICE_FIELDS]
    # repeat() stands for absent columns, so the rows' list is the one that ends the zip.
    return list(map(dict, map(zip, repeat(keys), zip(*columns, strict=False))))
