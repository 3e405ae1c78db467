"""parse_asset_list: records, every kind of error, duplicates within the file, a messy real file."""

import math

import pytest

from reuse.importing import DEVICE_FIELDS, RowError, parse_asset_list
from tests.importing.files import csv_bytes, parse_rows

HEADER = ["N° de série", "N° d'inventaire", "Catégorie", "Marque", "RAM", "Disque"]


def test_a_record_holds_every_device_field_and_its_row_with_native_values():
    parsed = parse_rows(
        [
            ["Serial", "Category", "RAM", "Écran", "Poids", "Modèle"],
            ["A1", "Laptop", "8 Go", "15,6", "1,65 kg", ""],
        ]
    )
    (record,) = parsed.records
    assert list(record) == ["row", *DEVICE_FIELDS]
    assert record["row"] == 2
    assert (type(record["ram_gb"]), type(record["screen_inches"])) == (int, float)
    assert record["model"] is None
    assert record["asset_tag"] is None
    assert not any(isinstance(v, float) and math.isnan(v) for v in record.values())


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [HEADER, ["S1", "", "Imprimante", "HP", "8 Go", ""]],
            RowError(
                2,
                "Catégorie",
                "unknown category 'Imprimante'; expected one of: "
                "desktop, laptop, tablet, smartphone, monitor, other",
            ),
        ),
        (
            [HEADER, ["S1", "", "", "HP", "", ""]],
            RowError(
                2,
                "Catégorie",
                "category is empty; expected one of: "
                "desktop, laptop, tablet, smartphone, monitor, other",
            ),
        ),
        (
            [HEADER, ["S1", "", "UC", "HP", "huit gigas", ""]],
            RowError(
                2,
                "RAM",
                "cannot read RAM 'huit gigas'; expected a size such as '8 Go' or '8192 Mo'",
            ),
        ),
        (
            [HEADER, ["S1", "", "UC", "HP", "-8 Go", ""]],
            RowError(2, "RAM", "RAM '-8 Go' is negative"),
        ),
        (
            [HEADER, ["S1", "", "UC", "HP", "8192 Go", ""]],
            RowError(2, "RAM", "RAM '8192 Go' is above 4096"),
        ),
        (
            [HEADER, ["S1", "", "UC", "HP", "", "-500 Go"]],
            RowError(2, "Disque", "storage '-500 Go' is negative"),
        ),
        (
            [HEADER, ["", "", "UC", "HP", "8", ""]],
            RowError(2, None, "the row has neither a serial number nor an asset tag"),
        ),
        (
            [HEADER, ["S1", "", "UC", "Dell", "", ""], ["s 1", "", "Écran", "DELL", "", ""]],
            RowError(3, "N° de série", "serial number 'S1' of Dell is already on row 2"),
        ),
        (
            [HEADER, ["", "INV-7", "UC", "", "", ""], ["", "inv-7", "UC", "", "", ""]],
            RowError(3, "N° d'inventaire", "asset tag 'inv-7' is already on row 2"),
        ),
        (
            [
                ["Serial", "Category", "Disque", "Type de disque"],
                ["S1", "UC", "SSD 256 Go", "HDD"],
            ],
            RowError(
                2,
                "Type de disque",
                "storage type 'HDD' contradicts 'SSD 256 Go' in column 'Disque'",
            ),
        ),
    ],
    ids=[
        "unknown category",
        "empty category",
        "unparsable RAM",
        "negative RAM",
        "absurd RAM",
        "negative storage",
        "missing identifier",
        "duplicate serial",
        "duplicate asset tag",
        "contradicting storage type",
    ],
)
def test_a_bad_row_gets_an_error_naming_its_row_column_and_value(rows, expected):
    assert parse_rows(rows).errors == [expected]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["N° de série", "Marque"],
            RowError(
                1,
                "category",
                "missing required column 'category'; name it one of: Catégorie, Type, Category, "
                "Type de matériel, Type d'équipement, Device type, Famille",
            ),
        ),
        (
            ["N° de série", "Catégorie", "Commentaire", "Remarques"],
            RowError(
                1,
                "Remarques",
                "columns 'Commentaire' (C) and 'Remarques' (D) both give notes; "
                "keep only one of them",
            ),
        ),
        (
            ["Serial", "Category", "HDD", "SSD"],
            RowError(
                1,
                "SSD",
                "columns 'HDD' (C) and 'SSD' (D) both give storage_gb; keep only one of them",
            ),
        ),
        (
            ["Catégorie", "Marque"],
            RowError(
                1,
                None,
                "the file needs a serial number column (such as 'N° de série') or an asset tag "
                "column (such as 'N° d'inventaire')",
            ),
        ),
    ],
    ids=["missing category", "two notes columns", "two storage columns", "no identifier column"],
)
def test_a_header_problem_is_a_file_level_error_that_stops_parsing(header, expected):
    parsed = parse_rows([header, ["S1", "UC", "x", "y"]])
    assert parsed.errors == [expected]
    assert parsed.records == []


def test_every_error_of_the_file_is_reported_at_once_by_row_then_column_order():
    parsed = parse_rows(
        [
            HEADER,
            ["S1", "", "Imprimante", "HP", "beaucoup", "SSD 256 Go"],
            ["S2", "", "UC", "HP", "8", "1 To"],
            ["", "", "Scanner", "HP", "-4", "ssd"],
            ["S1", "", "UC", "HP", "8", "lots"],
        ]
    )
    assert [(e.row, e.column) for e in parsed.errors] == [
        (2, "Catégorie"),
        (2, "RAM"),
        (4, "Catégorie"),
        (4, "RAM"),
        (4, None),
        (5, "N° de série"),
        (5, "Disque"),
    ]
    assert len(parsed.records) == 4
    assert parsed.records[0]["ram_gb"] is None
    assert parsed.records[0]["storage_gb"] == 256


def test_the_same_serial_from_two_manufacturers_is_no_duplicate():
    parsed = parse_rows(
        [HEADER, ["123", "", "UC", "Dell", "", ""], ["123", "", "UC", "HP", "", ""]]
    )
    assert parsed.errors == []


def test_the_same_serial_of_one_brand_spelt_two_ways_is_a_duplicate():
    parsed = parse_rows(
        [
            HEADER,
            ["Z1", "", "UC", "ZOTAC", "", ""],
            ["Z1", "", "UC", "ZOTAC", "", ""],
            ["z1", "", "UC", "Zotac", "", ""],
        ]
    )
    assert [(e.row, e.message) for e in parsed.errors] == [
        (3, "serial number 'Z1' of ZOTAC is already on row 2"),
        (4, "serial number 'Z1' of ZOTAC is already on row 2"),
    ]


def test_rows_without_a_serial_are_not_duplicates_of_each_other():
    parsed = parse_rows([HEADER, ["", "A1", "UC", "", "", ""], ["", "A2", "UC", "", "", ""]])
    assert parsed.errors == []


def test_unknown_columns_are_listed_as_written_and_the_others_mapped():
    parsed = parse_rows(
        [
            ["N° de série", "Prix d'achat", "Type", "Site ", "RAM (Go)"],
            ["S1", "300", "UC", "Lyon", "8"],
        ]
    )
    assert parsed.ignored_columns == ["Prix d'achat", "Site"]
    assert parsed.column_map == {
        "N° de série": "serial_number",
        "Type": "category",
        "RAM (Go)": "ram_gb",
    }
    assert "Prix d'achat" not in parsed.records[0]


def test_a_unit_in_the_header_applies_to_cells_without_one():
    parsed = parse_rows(
        [["Serial", "Category", "RAM (Mo)", "Poids (g)"], ["S1", "UC", "8192", "4900"]]
    )
    assert (parsed.records[0]["ram_gb"], parsed.records[0]["weight_kg"]) == (8, 4.9)


def test_a_drive_type_in_the_header_applies_to_cells_that_name_none():
    parsed = parse_rows(
        [["Serial", "Category", "SSD"], ["S1", "UC", "256"], ["S2", "UC", "1 To HDD"]]
    )
    assert [(r["storage_gb"], r["storage_type"]) for r in parsed.records] == [
        (256, "ssd"),
        (1000, "hdd"),
    ]


def test_a_storage_type_column_fills_the_type_the_storage_cell_leaves_out():
    parsed = parse_rows(
        [["Serial", "Category", "Disque", "Type de disque"], ["S1", "UC", "256", "NVMe"]]
    )
    assert (parsed.records[0]["storage_gb"], parsed.records[0]["storage_type"]) == (256, "nvme")


def test_rows_whose_recognised_cells_are_all_empty_are_skipped_but_still_counted():
    parsed = parse_rows(
        [
            ["Serial", "Category", "Site"],
            ["S1", "UC", ""],
            ["", "", ""],
            ["N/A", "-", "Lyon"],
            ["S2", "Imprimante", ""],
        ]
    )
    assert [r["row"] for r in parsed.records] == [2, 5]
    assert [e.row for e in parsed.errors] == [5]


def test_a_realistic_messy_export_reads_cleanly():
    rows = [
        [
            " N° de Série ",
            "N° d'immo",
            "CATÉGORIE",
            "Marque ",
            "Modèle",
            "Processeur",
            "Mémoire vive",
            "Disque dur",
            "Taille écran",
            "Système",
            "Accessoires",
            "Poids",
            "Remarques",
            "Date d'achat",
        ],
        [
            "  5cg7 123xyz ",
            "IMMO-0042",
            "unité centrale",
            "HEWLETT-PACKARD",
            " EliteDesk  800 G3 ",
            "Intel Core i5-6500",
            "8,0 Go",
            "SSD 256 Go",
            "",
            "Windows 10 Pro",
            "Clavier + souris",
            "4,9 kg",
            "  ",
            "12/03/2018",
        ],
        [
            "PF0ABCDE",
            "IMMO-0043",
            "PC Portable",
            "lenovo",
            "ThinkPad T470",
            "i5-7300U",
            "8192 Mo",
            "512 Go NVMe",
            '14"',
            "Ubuntu 24.04",
            "Chargeur",
            "1,6",
            "Batterie faible",
            "",
        ],
        [
            "CN0XYZ12",
            "",
            "Moniteur",
            "DELL",
            "P2419H",
            "",
            "",
            "",
            "23,8 pouces",
            "",
            "Câble HDMI",
            "5200 g",
            "",
            "2019",
        ],
        ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    parsed = parse_asset_list(csv_bytes(rows, encoding="cp1252"), "Inventaire parc 2024.csv")
    assert parsed.errors == []
    assert parsed.ignored_columns == ["Date d'achat"]
    assert parsed.records == [
        {
            "row": 2,
            "serial_number": "5CG7123XYZ",
            "asset_tag": "IMMO-0042",
            "category": "desktop",
            "manufacturer": "HP",
            "model": "EliteDesk 800 G3",
            "cpu": "Intel Core i5-6500",
            "ram_gb": 8,
            "storage_gb": 256,
            "storage_type": "ssd",
            "screen_inches": None,
            "os": "Windows 10 Pro",
            "accessories": "keyboard, mouse",
            "weight_kg": 4.9,
            "notes": None,
        },
        {
            "row": 3,
            "serial_number": "PF0ABCDE",
            "asset_tag": "IMMO-0043",
            "category": "laptop",
            "manufacturer": "Lenovo",
            "model": "ThinkPad T470",
            "cpu": "i5-7300U",
            "ram_gb": 8,
            "storage_gb": 512,
            "storage_type": "nvme",
            "screen_inches": 14.0,
            "os": "Ubuntu 24.04",
            "accessories": "charger",
            "weight_kg": 1.6,
            "notes": "Batterie faible",
        },
        {
            "row": 4,
            "serial_number": "CN0XYZ12",
            "asset_tag": None,
            "category": "monitor",
            "manufacturer": "Dell",
            "model": "P2419H",
            "cpu": None,
            "ram_gb": None,
            "storage_gb": None,
            "storage_type": None,
            "screen_inches": 23.8,
            "os": None,
            "accessories": "hdmi cable",
            "weight_kg": 5.2,
            "notes": None,
        },
    ]


def test_a_title_block_above_the_headers_is_skipped_and_rows_keep_their_numbers():
    text = (
        "Inventaire parc informatique 2026;;\n"
        "Site : Lyon Gerland;;\n"
        ";;\n"
        "N° de série;Catégorie;Marque\n"
        "SN1;UC;Dell\n"
        "SN2;Imprimante;HP\n"
    )
    parsed = parse_asset_list(text.encode(), "parc.csv")
    assert [record["row"] for record in parsed.records] == [5, 6]
    assert [(e.row, e.column) for e in parsed.errors] == [(6, "Catégorie")]


def test_without_a_recognisable_header_the_first_row_is_read_as_headers():
    parsed = parse_asset_list(b"Titre;Autre\nSN1;UC\n", "parc.csv")
    assert parsed.errors and parsed.errors[0].row == 1
