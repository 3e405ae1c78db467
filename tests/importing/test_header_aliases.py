"""Which headers name which device field."""

import pytest

from reuse.importing.columns import COLUMN_ALIASES, header_key, match_header


@pytest.mark.parametrize(("header", "field"), sorted(COLUMN_ALIASES.items()))
def test_every_alias_in_the_table_names_its_field(header, field):
    assert match_header(header, 0).field == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("N° de série", "serial_number"),
        ("Nº de série", "serial_number"),
        ("No de série", "serial_number"),
        ("No. série", "serial_number"),
        ("Num série", "serial_number"),
        ("Numéro de série", "serial_number"),
        ("NUMERO DE SERIE", "serial_number"),
        ("numero_de_serie", "serial_number"),
        ("  Serial Number  ", "serial_number"),
        ("Serial No.", "serial_number"),
        ("S/N", "serial_number"),
        ("sn", "serial_number"),
        ("CATÉGORIE", "category"),
        ("categorie", "category"),
        ("Type de matériel", "category"),
        ("type materiel", "category"),
        ("MARQUE", "manufacturer"),
        ("Fabricant", "manufacturer"),
        ("Constructeur", "manufacturer"),
        ("brand", "manufacturer"),
        ("Make", "manufacturer"),
        ("Modele", "model"),
        ("Processeur", "cpu"),
        ("Mémoire vive", "ram_gb"),
        ("memoire", "ram_gb"),
        ("Disque dur", "storage_gb"),
        ("Type de disque", "storage_type"),
        ("Storage Type", "storage_type"),
        ("N° d'inventaire", "asset_tag"),
        ("Numéro d'inventaire", "asset_tag"),
        ("N° d'immo", "asset_tag"),
        ("N°immo", "asset_tag"),
        ("Numéro d'immobilisation", "asset_tag"),
        ("Asset Tag", "asset_tag"),
        ("Etiquette", "asset_tag"),
        ("Taille d'écran", "screen_inches"),
        ("Taille écran", "screen_inches"),
        ("Systeme d'exploitation", "os"),
        ("O.S.", "os"),
        ("accessoires", "accessories"),
        ("POIDS", "weight_kg"),
        ("Remarques", "notes"),
        ("Observations", "notes"),
    ],
)
def test_headers_match_whatever_their_case_accents_spacing_and_number_word(header, field):
    assert match_header(header, 0).field == field


@pytest.mark.parametrize(
    ("header", "field", "unit"),
    [
        ("RAM (Go)", "ram_gb", "go"),
        ("Mémoire (Mo)", "ram_gb", "mo"),
        ("Disque (To)", "storage_gb", "to"),
        ("Stockage Go", "storage_gb", "go"),
        ("Poids (g)", "weight_kg", "g"),
        ("Poids (kg)", "weight_kg", "kg"),
        ("Écran (pouces)", "screen_inches", "pouces"),
        ("Diagonale (cm)", "screen_inches", "cm"),
    ],
)
def test_a_unit_ending_a_header_is_kept_as_the_columns_unit(header, field, unit):
    match = match_header(header, 3)
    assert (match.field, match.unit, match.position, match.header) == (field, unit, 3, header)


@pytest.mark.parametrize(
    "header", ["Prix", "Date d'achat", "Site", "Localisation", "RAM (kg)", "Poids (Go)", "N°"]
)
def test_headers_that_name_no_field_match_nothing(header):
    assert match_header(header, 0) is None


def test_no_two_fields_share_an_alias_key():
    fields_by_key: dict[str, set[str]] = {}
    for alias, field in COLUMN_ALIASES.items():
        fields_by_key.setdefault(header_key(alias), set()).add(field)
    assert {key: f for key, f in fields_by_key.items() if len(f) > 1} == {}
