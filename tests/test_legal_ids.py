"""Associations' legal ids: RNA numbers and SIRETs."""

import pytest

from reuse import legal_ids


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("W751234567", "W751234567"),
        ("w691000123", "W691000123"),
        ("732 829 320 00074", "73282932000074"),
        ("356 000 000 00048", "35600000000048"),  # La Poste: digit sum a multiple of 5
    ],
)
def test_valid_legal_ids_are_normalised(raw, expected):
    assert legal_ids.normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("W12345", "W followed by 9 digits"),
        ("W12345678X", "W followed by 9 digits"),
        ("73282932000075", "not a valid SIRET"),
        ("7328293200007", "neither an RNA number"),
        ("association", "neither an RNA number"),
    ],
)
def test_invalid_legal_ids_are_refused_saying_why(raw, message):
    with pytest.raises(ValueError, match=message):
        legal_ids.normalise(raw)
