"""Normalisers of one cell: sizes, categories, brands, accessories, and their errors."""

import re

import pytest

from reuse.importing import values


@pytest.mark.parametrize(
    ("text", "unit", "ram_gb"),
    [
        ("8 Go", None, 8),
        ("8GB", None, 8),
        ("8 gb", None, 8),
        ("8", None, 8),
        ("8192 MB", None, 8),
        ("8192 Mo", None, 8),
        ("8 192 Mo", None, 8),
        ("8,0 Go", None, 8),
        ("7,84 Go", None, 8),
        ("16Go", None, 16),
        ("2 x 4 Go", None, 8),
        ("2x8GB", None, 16),
        ("8 Go DDR4", None, 8),
        ("8 Go DDR4 2666 MHz", None, 8),
        ("RAM 4 Go", None, 4),
        ("0", None, 0),
        ("8192", "mo", 8),
        ("8", "go", 8),
    ],
)
def test_ram_sizes_come_out_in_whole_gb(text, unit, ram_gb):
    assert values.parse_ram_gb(text, unit=unit) == ram_gb


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("huit", "cannot read RAM 'huit'"),
        ("8 Go ou 16 Go", "cannot read RAM '8 Go ou 16 Go'"),
        ("-8", "RAM '-8' is negative"),
        ("-8 Go", "RAM '-8 Go' is negative"),
        ("8000 Go", "RAM '8000 Go' is above 4096"),
        ("512 Mo", "RAM '512 Mo' is under 1 GB"),
    ],
)
def test_unreadable_negative_or_absurd_ram_is_refused_naming_the_value(text, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        values.parse_ram_gb(text)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("SSD 256 Go", None, (256, "ssd")),
        ("256GB SSD", None, (256, "ssd")),
        ("256 Go (SSD)", None, (256, "ssd")),
        ("SSD - 256 Go", None, (256, "ssd")),
        ("1 To", None, (1000, None)),
        ("1TB", None, (1000, None)),
        ("1,5 To", None, (1500, None)),
        ("512 Go NVMe", None, (512, "nvme")),
        ("M.2 NVMe 1 To", None, (1000, "nvme")),
        ("SSD SATA 240 Go", None, (240, "ssd")),
        ("M.2 512 Go", None, (512, "ssd")),
        ("500 Go HDD", None, (500, "hdd")),
        ("500G SATA", None, (500, "hdd")),
        ("1 To mécanique", None, (1000, "hdd")),
        ("eMMC 64 Go", None, (64, "emmc")),
        ("476,9 Go", None, (477, None)),
        ("256", None, (256, None)),
        ("256 Go SSD + 1 To HDD", None, (1256, "ssd")),
        ("SSD", None, (None, "ssd")),
        ("Sans disque", None, (0, None)),
        ("0", None, (0, None)),
        ("1", "to", (1000, None)),
        ("500000", "mo", (500, None)),
    ],
)
def test_storage_gives_decimal_gb_and_the_drive_type_it_names(text, unit, expected):
    assert values.parse_storage(text, unit=unit) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("beaucoup", "cannot read storage 'beaucoup'"),
        ("Disque", "cannot read storage 'Disque'"),
        ("-256 Go", "storage '-256 Go' is negative"),
        ("200 To", "storage '200 To' is above 100000"),
    ],
)
def test_unreadable_negative_or_absurd_storage_is_refused(text, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        values.parse_storage(text)


@pytest.mark.parametrize(
    ("text", "storage_type"),
    [("SSD", "ssd"), ("hdd", "hdd"), ("NVMe", "nvme"), ("eMMC", "emmc"), ("Mécanique", "hdd")],
)
def test_storage_type_cells_name_a_drive_type(text, storage_type):
    assert values.parse_storage_type(text) == storage_type


def test_an_unknown_storage_type_lists_the_expected_ones():
    with pytest.raises(ValueError, match="unknown storage type 'Bande'; expected one of: hdd,"):
        values.parse_storage_type("Bande")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Unité centrale", "desktop"),
        ("UNITE CENTRALE", "desktop"),
        ("Unités centrales", "desktop"),
        ("PC portables", "laptop"),
        ("Écrans", "monitor"),
        ("UC", "desktop"),
        ("PC fixe", "desktop"),
        ("Desktop", "desktop"),
        ("Tour", "desktop"),
        ("Mini PC", "desktop"),
        ("Poste fixe", "desktop"),
        ("Portable", "laptop"),
        ("PC portable", "laptop"),
        ("Ordinateur portable", "laptop"),
        ("laptop", "laptop"),
        ("Notebook", "laptop"),
        ("Écran", "monitor"),
        ("ecran", "monitor"),
        ("Moniteur", "monitor"),
        ("Monitor", "monitor"),
        ("Tablette", "tablet"),
        ("Tablet", "tablet"),
        ("Téléphone", "smartphone"),
        ("TELEPHONE", "smartphone"),
        ("Smartphone", "smartphone"),
        ("Mobile", "smartphone"),
        ("Autre", "other"),
        ("Other", "other"),
        ("Écran 24 pouces", "monitor"),
        ("PC portable Dell Latitude", "laptop"),
        ("Unités centrales HP", "desktop"),
    ],
)
def test_categories_are_read_in_french_and_english(text, category):
    assert values.parse_category(text) == category


@pytest.mark.parametrize(("name", "category"), sorted(values.CATEGORY_NAMES.items()))
def test_every_name_in_the_category_table_gives_its_category(name, category):
    assert values.parse_category(name) == category


def test_an_unknown_category_lists_the_expected_ones():
    with pytest.raises(ValueError) as raised:
        values.parse_category("Imprimante")
    assert str(raised.value) == (
        "unknown category 'Imprimante'; expected one of: "
        "desktop, laptop, tablet, smartphone, monitor, other"
    )


@pytest.mark.parametrize(
    ("text", "unit", "inches"),
    [
        ('24"', None, 24.0),
        ("24 pouces", None, 24.0),
        ("23,8", None, 23.8),
        ("15.6''", None, 15.6),
        ("15,6” FHD", None, 15.6),
        ('27" (2560x1440)', None, 27.0),
        ("24 in", None, 24.0),
        ("60 cm", None, 23.6),
        ("60", "cm", 23.6),
    ],
)
def test_screen_sizes_come_out_in_inches(text, unit, inches):
    assert values.parse_screen_inches(text, unit=unit) == inches


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("grand", "cannot read screen size 'grand'"),
        ("-24", "screen size '-24' is negative"),
        ("0", "screen size '0' is below 1"),
        ("150", "screen size '150' is above 100"),
    ],
)
def test_unreadable_or_absurd_screen_sizes_are_refused(text, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        values.parse_screen_inches(text)


@pytest.mark.parametrize(
    ("text", "unit", "kg"),
    [
        ("4,9 kg", None, 4.9),
        ("4900 g", None, 4.9),
        ("1,65", None, 1.65),
        ("1.65kg", None, 1.65),
        ("850 gr", None, 0.85),
        ("4900", "g", 4.9),
    ],
)
def test_weights_come_out_in_kg(text, unit, kg):
    assert values.parse_weight_kg(text, unit=unit) == kg


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lourd", "cannot read weight 'lourd'"),
        ("-1 kg", "weight '-1 kg' is negative"),
        ("250 kg", "weight '250 kg' is above 100"),
    ],
)
def test_unreadable_negative_or_absurd_weights_are_refused(text, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        values.parse_weight_kg(text)


@pytest.mark.parametrize(
    ("text", "serial"),
    [("cn-0 abc 12", "CN-0ABC12"), ("00123", "00123"), ("5CG 7 123\tXY", "5CG7123XY")],
)
def test_serials_are_upper_case_without_spaces_and_keep_leading_zeros(text, serial):
    assert values.normalise_serial(text) == serial


@pytest.mark.parametrize(
    "normalise", [values.normalise_serial, values.normalise_asset_tag], ids=["serial", "tag"]
)
@pytest.mark.parametrize("text", ["1,23457E+11", "4.5E+10"])
def test_an_identifier_excel_rounded_to_scientific_notation_is_refused(normalise, text):
    with pytest.raises(ValueError, match=f"^'{re.escape(text)}' is a number Excel rounded"):
        normalise(text)


def test_notes_keep_their_lines():
    assert values.normalise_notes("Rayure\r\nBatterie faible") == "Rayure\nBatterie faible"


def test_a_serial_longer_than_the_table_holds_is_refused():
    with pytest.raises(ValueError, match="81 characters long, over 80"):
        values.normalise_serial("X" * 81)


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("DELL", "Dell"),
        ("dell", "Dell"),
        ("Dell Inc.", "Dell"),
        ("HP", "HP"),
        ("hp", "HP"),
        ("Hewlett-Packard", "HP"),
        ("HEWLETT PACKARD", "HP"),
        ("HP Inc.", "HP"),
        ("LENOVO", "Lenovo"),
        ("asus", "ASUS"),
        ("FUJITSU SIEMENS", "Fujitsu"),
        ("iiyama", "iiyama"),
        ("ZOTAC", "ZOTAC"),
        ("Shuttle  Inc", "Shuttle Inc"),
    ],
)
def test_common_brands_are_spelt_as_they_spell_themselves_others_as_written(text, brand):
    assert values.normalise_manufacturer(text) == brand


def test_within_a_file_the_most_frequent_spelling_of_an_unknown_brand_wins():
    assert values.unify_spellings({"Zotac": 1, "ZOTAC": 3, "Shuttle": 1, "SHUTTLE": 1}) == {
        "Zotac": "ZOTAC",
        "ZOTAC": "ZOTAC",
        "Shuttle": "Shuttle",
        "SHUTTLE": "Shuttle",
    }


@pytest.mark.parametrize(
    ("text", "accessories"),
    [
        ("Clavier + souris", "keyboard, mouse"),
        ("clavier et souris", "keyboard, mouse"),
        ("Clavier, Souris, Chargeur", "keyboard, mouse, charger"),
        ("Câble d'alimentation; sacoche", "power cable, bag"),
        ("keyboard/mouse", "keyboard, mouse"),
        ("Souris, souris", "mouse"),
        ("Sacoche bleue", "Sacoche bleue"),
    ],
)
def test_accessories_become_a_list_with_known_ones_in_english(text, accessories):
    assert values.normalise_accessories(text) == accessories


@pytest.mark.parametrize(
    "text", ["", "-", "--", "?", "/", "N/A", "n/a", "#N/A", "NA", "NC", "N.C.", "Inconnu", "null"]
)
def test_markers_of_an_unknown_value_count_as_empty(text):
    assert values.blank_out_missing([text]) == [None]


@pytest.mark.parametrize("text", ["0", "NAS", "N", "Dell", "x"])
def test_short_real_values_are_not_taken_for_markers(text):
    assert values.blank_out_missing([text]) == [text]
