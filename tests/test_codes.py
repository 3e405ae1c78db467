"""Device codes: check symbol, error detection, normalisation of what people and scanners type."""

import random

import pytest

from reuse import codes
from reuse.errors import InvalidCode

VECTORS = [("KXBTRHNP", "R"), ("DFGHJKNP", "V"), ("BCDEFGHJ", "T"), ("BBBBBBBB", "B")]


@pytest.mark.parametrize(("body", "check"), VECTORS)
def test_check_symbol_matches_the_design_test_vectors(body, check):
    assert codes.check_symbol(body) == check
    assert codes.is_valid(body + check)


def _sample_codes(count: int) -> list[str]:
    rng = random.Random(2026)
    bodies = ["".join(rng.choice(codes.ALPHABET) for _ in range(8)) for _ in range(count)]
    return [body + codes.check_symbol(body) for body in bodies] + [b + c for b, c in VECTORS]


def test_every_single_wrong_symbol_is_rejected():
    """Whatever position a person mistypes, and whatever letter they type instead."""
    for code in _sample_codes(300):
        for position in range(codes.LENGTH):
            for letter in codes.ALPHABET:
                if letter != code[position]:
                    typo = code[:position] + letter + code[position + 1 :]
                    assert not codes.is_valid(typo), (code, typo)


def test_every_swap_of_two_different_symbols_is_rejected():
    """Adjacent or not, swapping two different letters never gives a valid code."""
    for code in _sample_codes(300):
        for i in range(codes.LENGTH):
            for j in range(i + 1, codes.LENGTH):
                if code[i] != code[j]:
                    swapped = list(code)
                    swapped[i], swapped[j] = swapped[j], swapped[i]
                    assert not codes.is_valid("".join(swapped)), (code, i, j)


def test_generated_codes_are_valid_distinct_and_use_the_alphabet_only():
    generated = codes.generate_many(20_000)
    assert len(set(generated)) >= 19_990  # 16^8 possibilities: a collision is very unlikely
    assert all(codes.is_valid(code) for code in generated)
    assert set("".join(generated)) <= set(codes.ALPHABET)


def test_a_seeded_generator_repeats_itself():
    import numpy as np

    first = codes.generate_many(50, np.random.default_rng(7))
    assert first == codes.generate_many(50, np.random.default_rng(7))
    assert first != codes.generate_many(50, np.random.default_rng(8))


@pytest.mark.parametrize(
    "typed",
    [
        "KXBTRHNPR",
        "kxbt-rhnp-r",
        " KXBT RHNP R ",
        "Kxbt-Rhnp-R",
        "https://reuse.example.org/d/KXBTRHNPR",
        "https://reuse.example.org/d/KXBT-RHNP-R/",
        # A QWERTY scanner on an AZERTY keyboard: '-' comes out as ')', ':' as 'M', '/' as '!'.
        "KXBT)RHNP)R",
        "httpsM!!reuse:exqmple:org!d!KXBTRHNPR",
        # On QWERTZ, '-' comes out as 'ß'.
        "KXBTßRHNPßR",
    ],
)
def test_normalise_reads_the_code_from_anything_a_person_or_scanner_types(typed):
    assert codes.normalise(typed) == "KXBTRHNPR"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "empty"),
        ("KXBT-RHNP", "has 8"),
        ("KXBT-RHNO-R", "'O' is not a letter of device codes"),
        ("KXBT-RHNP-T", "not a valid code"),
        ("KXBT-HRNP-R", "not a valid code"),
    ],
)
def test_normalise_rejects_what_is_not_a_valid_code_with_a_clear_message(typed, message):
    with pytest.raises(InvalidCode, match=message):
        codes.normalise(typed)


def test_display_groups_the_code_as_printed_on_labels():
    assert codes.display("KXBTRHNPR") == "KXBT-RHNP-R"
