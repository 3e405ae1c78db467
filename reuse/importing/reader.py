"""Bytes of a CSV or XLSX file -> a DataFrame of strings, one row per spreadsheet row.

The frame keeps every row, blank ones included, so that its position + 1 is the row number a
person sees in a spreadsheet; missing cells are empty strings. What it cannot read raises
``UnreadableFile`` with a message for a person, never a parser's exception.
"""

import io
import re
import warnings
from itertools import repeat

import pandas as pd

#: Column separators a CSV may use, most likely first (ties go to the earlier one).
SEPARATORS: tuple[str, ...] = (";", ",", "\t")

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_QUOTED = re.compile(r'"[^"]*"')
_SEPARATOR_HINT = re.compile(r"sep=(.)[ \t]*(?:\r\n|\r|\n|$)")
_FIRST_FILLED_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")


class UnreadableFile(Exception):
    """The file is empty, or neither a CSV nor an XLSX table that can be read."""


def read_table(data: bytes, filename: str = "") -> pd.DataFrame:
    """The cells of the file's first table as strings, header row included, blank rows kept.

    The format is told from the content, not from ``filename``, which only names the file in
    messages.

    :raises UnreadableFile: with a message naming the problem.
    """
    name = f"'{filename}'" if filename else "the file"
    if not data.strip():
        raise UnreadableFile(f"{name} is empty")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            f"{name} is an old Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV"
        )
    if data.startswith(b"%PDF"):
        raise UnreadableFile(f"{name} is a PDF document, not a CSV or XLSX file")
    return _read_csv(_decode(data, name), name)


def _read_xlsx(data: bytes, name: str) -> pd.DataFrame:
    if b"opendocument" in data[:200]:
        raise UnreadableFile(f"{name} is an OpenDocument spreadsheet; save it as .xlsx or CSV")
    try:
        # openpyxl warns about styles and extensions it cannot read; the cells are still right.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            table = pd.read_excel(
                io.BytesIO(data),
                sheet_name=0,
                header=None,
                dtype=str,
                keep_default_na=False,
                engine="openpyxl",
            )
    # A damaged or foreign ZIP fails anywhere inside openpyxl, with many exception types.
    except Exception as error:
        raise UnreadableFile(f"{name} is not a readable XLSX workbook ({error})") from error
    if table.empty:
        raise UnreadableFile(f"{name} is empty: its first sheet has no cells")
    return _as_plain_frame(table)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a byte order mark, tab-separated.
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Binary content shows control characters early; no need to scan a large file whole.
        if _CONTROL_CHARACTERS.search(text, 0, 65536) is None:
            break
    else:
        raise UnreadableFile(f"{name} is neither a CSV (text) nor an XLSX file")
    if text.lstrip().startswith("<"):
        raise UnreadableFile(
            f"{name} is an HTML or XML document, not a CSV or XLSX file; open it in a "
            "spreadsheet and save it as .xlsx or CSV"
        )
    return text


def detect_separator(header_line: str) -> str:
    """The separator the header line uses most outside quotes; a comma if it uses none."""
    unquoted = _QUOTED.sub("", header_line)
    counts = [unquoted.count(separator) for separator in SEPARATORS]
    if max(counts) == 0:
        return ","
    return SEPARATORS[counts.index(max(counts))]


def _read_csv(text: str, name: str) -> pd.DataFrame:
    hint = _SEPARATOR_HINT.match(text)
    if hint:
        # Excel reads a first line "sep=;" as the separator and does not show it as a row.
        text = text[hint.end() :]
    filled = _FIRST_FILLED_LINE.search(text)
    if filled is None:
        raise UnreadableFile(f"{name} is empty")
    header_line = filled.group()
    separator = hint.group(1) if hint else detect_separator(header_line)
    width = _QUOTED.sub("", header_line).count(separator) + 1
    try:
        return _parse_csv(text, separator, width)
    except pd.errors.ParserError:
        pass
    # Some row is longer than the header: read it whole rather than refuse the file, with
    # more columns than any line has cells; the columns that stay empty are dropped later.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = max(map(str.count, lines, repeat(separator))) + 1
    try:
        return _parse_csv(text, separator, width)
    except (pd.errors.ParserError, ValueError) as error:
        raise UnreadableFile(f"{name} is not a readable CSV file ({error})") from error


def _parse_csv(text: str, separator: str, width: int) -> pd.DataFrame:
    table = pd.read_csv(
        io.StringIO(text),
        sep=separator,
        header=None,
        names=range(width),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        quotechar='"',
        engine="c",
    )
    return _as_plain_frame(table)


def _as_plain_frame(table: pd.DataFrame) -> pd.DataFrame:
    table.columns = range(table.shape[1])
    return table.reset_index(drop=True)
