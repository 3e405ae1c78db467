"""Associations' legal identifiers: an RNA number ("W" + 9 digits) or a Luhn-checked SIRET."""

import re

from stdnum.exceptions import ValidationError
from stdnum.fr import siret

_RNA = re.compile(r"W\d{9}")


def normalise(raw: str) -> str:
    """The legal id in its compact form, or ValueError saying what is wrong with it."""
    text = re.sub(r"[\s.\-]", "", raw or "").upper()
    if text.startswith("W"):
        if not _RNA.fullmatch(text):
            raise ValueError(f"'{raw}' is not an RNA number: W followed by 9 digits")
        return text
    if not text.isdigit() or len(text) != 14:
        raise ValueError(f"'{raw}' is neither an RNA number (W + 9 digits) nor a SIRET (14 digits)")
    try:
        # stdnum knows La Poste's SIRETs, whose digit sum is a multiple of 5 instead of Luhn.
        return siret.validate(text)
    except ValidationError as error:
        raise ValueError(f"'{raw}' is not a valid SIRET: {error.message}") from error
