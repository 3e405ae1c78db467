"""Reading the file itself: encodings, separators, quoting, XLSX, and files that are neither."""

import io
import random
import zipfile

import pytest

from reuse.importing import RowError, parse_asset_list
from reuse.importing.reader import detect_separator
from tests.importing.files import csv_bytes, xlsx_bytes

ROWS = [
    ["N° de série", "Catégorie", "Marque", "RAM", "Commentaire"],
    ["ABC123", "Unité centrale", "Dell", "8 Go", "écran rayé, clavier QWERTY"],
    ["00123", "Écran", "HP", "", "Pas de pied; à nettoyer"],
]
EXPECTED = [
    ("ABC123", "desktop", "Dell", 8, "écran rayé, clavier QWERTY"),
    ("00123", "monitor", "HP", None, "Pas de pied; à nettoyer"),
]


def summary(parsed):
    return [
        (r["serial_number"], r["category"], r["manufacturer"], r["ram_gb"], r["notes"])
        for r in parsed.records
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_accented_headers_and_values_read_alike_in_every_encoding(encoding):
    parsed = parse_asset_list(csv_bytes(ROWS, encoding=encoding), "parc.csv")
    assert parsed.errors == []
    assert summary(parsed) == EXPECTED
    assert parsed.column_map["N° de série"] == "serial_number"


def test_a_windows_1252_file_from_excel_keeps_its_french_words():
    data = "N° de série;Catégorie\r\nX1;Unité centrale\r\n".encode("cp1252")
    parsed = parse_asset_list(data, "export.csv")
    assert parsed.column_map == {"N° de série": "serial_number", "Catégorie": "category"}
    assert parsed.records[0]["category"] == "desktop"


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_semicolons_commas_and_tabs_separate_columns_quoted_fields_kept_whole(separator):
    parsed = parse_asset_list(csv_bytes(ROWS, separator=separator), "parc.csv")
    assert parsed.errors == []
    assert summary(parsed) == EXPECTED


@pytest.mark.parametrize(
    ("header_line", "separator"),
    [
        ("a;b;c", ";"),
        ("a,b,c", ","),
        ("a\tb\tc", "\t"),
        ('"N°, série";Catégorie', ";"),
        ("Catégorie", ","),
    ],
)
def test_the_separator_is_the_one_the_header_line_uses_outside_quotes(header_line, separator):
    assert detect_separator(header_line) == separator


def test_excels_separator_line_sets_the_separator_and_is_no_row():
    data = b"sep=,\r\nSerial,Category,Notes\r\nA1,Laptop,a; b\r\nA2,Printer,\r\n"
    parsed = parse_asset_list(data, "parc.csv")
    assert [(r["row"], r["notes"]) for r in parsed.records] == [(2, "a; b"), (3, None)]
    assert [e.row for e in parsed.errors] == [3]


def test_a_quoted_field_spanning_lines_is_one_spreadsheet_row():
    data = b'Serial;Category;Notes\nA1;Laptop;"two\nlines"\nA2;Printer;\n'
    parsed = parse_asset_list(data, "parc.csv")
    assert parsed.records[0]["notes"] == "two\nlines"
    assert [e.row for e in parsed.errors] == [3]


def test_excel_formula_quoting_keeps_leading_zeros():
    data = b'Serial;Category\n="00123";Laptop\n'
    assert parse_asset_list(data, "parc.csv").records[0]["serial_number"] == "00123"


def test_a_row_longer_than_the_header_is_read_and_its_extra_cells_listed_as_ignored():
    data = b"Serial;Category\nA1;Laptop;stray\nA2;Laptop\n"
    parsed = parse_asset_list(data, "parc.csv")
    assert parsed.errors == []
    assert [r["serial_number"] for r in parsed.records] == ["A1", "A2"]
    assert parsed.ignored_columns == ["(no header, column C)"]


def test_an_xlsx_keeps_numeric_serials_as_text_and_numbers_as_numbers():
    data = xlsx_bytes(
        [
            ["N° de série", "Catégorie", "RAM", "Disque", "Écran", "Poids"],
            [123456789012, "Portable", 8, "SSD 256 Go", 15.6, 1.65],
            ["00123", "Unité centrale", 16.0, 512, None, 4.9],
            [1234567.0, "Écran", None, None, 23.8, 5],
        ],
        [["Catégorie"], ["Imprimante"]],
    )
    parsed = parse_asset_list(data, "parc.xlsx")
    assert parsed.errors == []
    got = [
        (r["row"], r["serial_number"], r["ram_gb"], r["storage_gb"], r["screen_inches"])
        for r in parsed.records
    ]
    assert got == [
        (2, "123456789012", 8, 256, 15.6),
        (3, "00123", 16, 512, None),
        (4, "1234567", None, None, 23.8),
    ]
    assert type(parsed.records[0]["ram_gb"]) is int
    assert [r["weight_kg"] for r in parsed.records] == [1.65, 4.9, 5.0]


def test_the_format_is_told_by_content_not_by_the_file_name():
    data = xlsx_bytes([["Serial", "Category"], ["A1", "Laptop"]])
    assert parse_asset_list(data, "parc.csv").records[0]["category"] == "laptop"
    csv = csv_bytes([["Serial", "Category"], ["A1", "Laptop"]])
    assert parse_asset_list(csv, "parc.xlsx").records[0]["category"] == "laptop"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "'parc.csv' is empty"),
        (b"  \r\n\r\n", "'parc.csv' is empty"),
        (b";;;\r\n;;;\r\n", "the file is empty: no cell holds text"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "'parc.csv' is a PDF document, not a CSV or XLSX",
        ),
        (random.Random(7).randbytes(4000), "'parc.csv' is neither a CSV (text) nor an XLSX file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Excel 97-2003 (.xls) workbook"),
        (zip_bytes({"notes.txt": b"hello"}), "'parc.csv' is not a readable XLSX workbook"),
        (
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "'parc.csv' is an OpenDocument spreadsheet",
        ),
        (b"<html><table><tr><td>Serial</td></tr></table></html>", "is an HTML or XML document"),
        (b'Serial;Category\n"A1;Laptop\n', "'parc.csv' is not a readable CSV file"),
    ],
    ids=[
        "empty",
        "blank lines",
        "only separators",
        "pdf",
        "random bytes",
        "xls",
        "foreign zip",
        "ods",
        "html",
        "unclosed quote",
    ],
)
def test_a_file_that_cannot_be_read_gives_one_clear_error_and_no_records(data, message):
    parsed = parse_asset_list(data, "parc.csv")
    assert parsed.records == []
    assert len(parsed.errors) == 1
    assert parsed.errors[0].row == 1
    assert parsed.errors[0].column is None
    assert message in parsed.errors[0].message


def test_an_empty_workbook_is_reported_empty():
    parsed = parse_asset_list(xlsx_bytes([]), "parc.xlsx")
    assert parsed.errors == [
        RowError(1, None, "'parc.xlsx' is empty: its first sheet has no cells")
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"Serial;Category\r\n",
        b"Serial;Category\r\n\r\n;\r\n",
        xlsx_bytes([["Serial", "Category"]]),
    ],
    ids=["csv", "csv with blank lines", "xlsx"],
)
def test_a_file_with_only_a_header_says_it_has_no_data_rows(data):
    parsed = parse_asset_list(data, "parc")
    assert parsed.errors == [RowError(1, None, "the file has no data rows below the header")]
    assert parsed.records == []
