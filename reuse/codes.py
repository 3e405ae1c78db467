"""Device codes: 8 random symbols and a GF(16) check symbol, typed safely on any keyboard layout.

The alphabet has no digit and none of A M Q W Y Z (they move between QWERTY, AZERTY and QWERTZ)
nor I L O U (read aloud or seen, they are mistaken for others). DESIGN.md section 5 gives the
check: each symbol is an element of GF(16) = GF(2)[x]/(x^4 + x + 1); the code is valid when
s0*g^8 + ... + s7*g + s8 = 0 with g = 2, which catches every single wrong symbol and every swap of
two different symbols, adjacent or not.
"""

import secrets

import numpy as np
import sqlalchemy as sa

from reuse.errors import InvalidCode

ALPHABET = "BCDEFGHJKNPRSTVX"
BODY_LENGTH = 8
LENGTH = BODY_LENGTH + 1
_INDEX = {letter: i for i, letter in enumerate(ALPHABET)}
_MODULUS = 0b10011  # x^4 + x + 1


def _mul(a: int, b: int) -> int:
    """Product of two elements of GF(16)."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b10000:
            a ^= _MODULUS
    return product


#: Multiplication by g = 2, as a table: Horner's rule then needs one lookup per symbol.
_TIMES_G = [_mul(value, 2) for value in range(16)]


def check_symbol(body: str) -> str:
    """The check symbol of an 8-symbol body, by Horner's rule."""
    total = 0
    for letter in body:
        total = _TIMES_G[total] ^ _INDEX[letter]
    return ALPHABET[_TIMES_G[total]]


def is_valid(code: str) -> bool:
    """Whether a normalised 9-symbol code carries the right check symbol."""
    if len(code) != LENGTH or any(letter not in _INDEX for letter in code):
        return False
    return check_symbol(code[:BODY_LENGTH]) == code[BODY_LENGTH]


def generate() -> str:
    """A new random code (the caller checks it is not already taken)."""
    return generate_many(1)[0]


def generate_many(count: int, rng: np.random.Generator | None = None) -> list[str]:
    """`count` random codes at once (an import needs 100,000 of them in a blink).

    Codes come from the system's secure source, or from `rng` when given (the scale generator's
    codes must repeat from one run to the next).
    """
    size = count * BODY_LENGTH // 2
    # One random byte gives two symbols: 16 symbols, so no bias.
    data = secrets.token_bytes(size) if rng is None else rng.bytes(size)
    raw = np.frombuffer(data, dtype=np.uint8)
    symbols = np.empty(count * BODY_LENGTH, dtype=np.uint8)
    symbols[0::2], symbols[1::2] = raw >> 4, raw & 0x0F
    body = symbols.reshape(count, BODY_LENGTH)
    times_g = np.array(_TIMES_G, dtype=np.uint8)
    total = np.zeros(count, dtype=np.uint8)
    for column in range(BODY_LENGTH):
        total = times_g[total] ^ body[:, column]
    letters = np.frombuffer(ALPHABET.encode(), dtype=np.uint8)
    table = np.column_stack([letters[body], letters[times_g[total]]])
    return table.astype(np.uint8).view(f"S{LENGTH}").ravel().astype(str).tolist()


def normalise(raw: str) -> str:
    """The code within what a person or a scanner typed: a URL, a bare code, any case or layout.

    The code is the last nine alphabet letters of the input; punctuation, digits and spaces
    between them are separators (a scanner on another layout turns '-' and '/' into other
    signs, such as ')' on AZERTY and 'ß' on QWERTZ). A Latin letter outside the alphabet among
    those nine is a typing error, not a separator.

    :raises InvalidCode: when no valid code can be read.
    """
    text = (raw or "").strip()
    if not text:
        raise InvalidCode("the code is empty", field="code")
    letters: list[str] = []
    for char in reversed(text):
        # Letter by letter: str.upper() turns the QWERTZ 'ß' into 'SS', two code letters.
        char = char.upper() if len(char.upper()) == 1 else char
        if char in _INDEX:
            letters.append(char)
            if len(letters) == LENGTH:
                break
        elif char.isascii() and char.isalpha() and letters:
            raise InvalidCode(
                f"'{char}' is not a letter of device codes (they use only {ALPHABET})",
                field="code",
            )
    code = "".join(reversed(letters))
    if len(code) != LENGTH:
        raise InvalidCode(
            f"a device code has {LENGTH} letters, '{raw.strip()}' has {len(code)}", field="code"
        )
    if not is_valid(code):
        raise InvalidCode(f"'{display(code)}' is not a valid code: check the letters", field="code")
    return code


def display(code: str) -> str:
    """The grouped form printed on labels and pages: KXBT-RHNP-R."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def display_sql(code: sa.ColumnElement[str]) -> sa.ColumnElement[str]:
    """`display` written in SQL, for a code column."""

    def part(*bounds: int) -> sa.ColumnElement[str]:
        # Constants written into the statement, not bound on every execution.
        return sa.func.substr(code, *map(sa.literal_column, map(str, bounds)), type_=sa.String)

    dash = sa.literal_column("'-'", sa.String)
    return part(1, 4).concat(dash).concat(part(5, 4)).concat(dash).concat(part(9))
