"""Normalisers of one spreadsheet cell each: text in, a device field's value out.

Every parser takes the cell's text, already stripped and known not to be empty, and returns the
value or raises ``ValueError`` with a message that names the bad value. Tables are data:

- ``CATEGORY_NAMES``: the words for each category, French and English.
- ``MANUFACTURER_NAMES``: how common brands are spelt. Brands not in it are kept as written:
  title-casing an all-caps name would spoil acronyms (NEC, AOC, EIZO); within one file the most
  frequent spelling of a brand wins over its case variants (``unify_spellings``).
- ``ACCESSORY_NAMES``: French and English accessory words, stored in English because a
  desktop's kit is complete when "keyboard" and "mouse" are recorded.
- ``LIMITS``: the lowest and highest plausible number per numeric field.
- ``MISSING_MARKERS``: cell texts that mean "not known" ("N/A", "NC", "-", "?", "#N/A").

Sizes: RAM counts in binary units (8192 Mo = 8 GB), drives in decimal units as their makers
count (1 To = 1000 GB); both are rounded to the nearest whole GB, and a RAM size under 1 GB is
an error rather than a false 0 or 1. A number without a unit is in GB, kg or inches (or in the
unit written in the column's header). Decimal commas and spaces between thousands are read.
"""

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from reuse.importing.columns import plain_words

CATEGORIES: tuple[str, ...] = ("desktop", "laptop", "tablet", "smartphone", "monitor", "other")
STORAGE_TYPES: tuple[str, ...] = ("hdd", "ssd", "nvme", "emmc")

#: Words for a category, as people write them -> the category.
CATEGORY_NAMES: dict[str, str] = {
    "Desktop": "desktop",
    "Unité centrale": "desktop",
    "UC": "desktop",
    "PC fixe": "desktop",
    "PC de bureau": "desktop",
    "Ordinateur fixe": "desktop",
    "Ordinateur de bureau": "desktop",
    "Poste fixe": "desktop",
    "Poste de travail": "desktop",
    "Tour": "desktop",
    "Mini PC": "desktop",
    "Tout-en-un": "desktop",
    "All-in-one": "desktop",
    "Station de travail": "desktop",
    "Workstation": "desktop",
    "Laptop": "laptop",
    "Portable": "laptop",
    "PC portable": "laptop",
    "Ordinateur portable": "laptop",
    "Notebook": "laptop",
    "Ultraportable": "laptop",
    "Netbook": "laptop",
    "Chromebook": "laptop",
    "Tablet": "tablet",
    "Tablette": "tablet",
    "iPad": "tablet",
    "Smartphone": "smartphone",
    "Téléphone": "smartphone",
    "Téléphone portable": "smartphone",
    "Téléphone mobile": "smartphone",
    "Mobile": "smartphone",
    "iPhone": "smartphone",
    "Monitor": "monitor",
    "Moniteur": "monitor",
    "Écran": "monitor",
    "Screen": "monitor",
    "Other": "other",
    "Autre": "other",
}

#: Spellings of common brands (compared without case, accents, punctuation or company
#: suffixes such as Inc. or Corp.) -> the brand as it writes itself.
MANUFACTURER_NAMES: dict[str, str] = {
    "Dell": "Dell",
    "HP": "HP",
    "HP Inc": "HP",
    "Hewlett-Packard": "HP",
    "Hewlett Packard Enterprise": "HPE",
    "HPE": "HPE",
    "Lenovo": "Lenovo",
    "IBM": "IBM",
    "Apple": "Apple",
    "Acer": "Acer",
    "Asus": "ASUS",
    "ASUSTeK": "ASUS",
    "Fujitsu": "Fujitsu",
    "Fujitsu Siemens": "Fujitsu",
    "Toshiba": "Toshiba",
    "Dynabook": "Dynabook",
    "Samsung": "Samsung",
    "Microsoft": "Microsoft",
    "MSI": "MSI",
    "Panasonic": "Panasonic",
    "Getac": "Getac",
    "Sony": "Sony",
    "LG": "LG",
    "Philips": "Philips",
    "iiyama": "iiyama",
    "BenQ": "BenQ",
    "ViewSonic": "ViewSonic",
    "EIZO": "EIZO",
    "AOC": "AOC",
    "NEC": "NEC",
    "Huawei": "Huawei",
    "Xiaomi": "Xiaomi",
    "Google": "Google",
    "Motorola": "Motorola",
    "Nokia": "Nokia",
    "Crosscall": "Crosscall",
    "Wiko": "Wiko",
    "Zebra": "Zebra",
    "Honeywell": "Honeywell",
}

#: Accessory words -> the name recorded (English, lower case).
ACCESSORY_NAMES: dict[str, str] = {
    "clavier": "keyboard",
    "keyboard": "keyboard",
    "souris": "mouse",
    "mouse": "mouse",
    "chargeur": "charger",
    "charger": "charger",
    "alimentation": "power supply",
    "bloc d'alimentation": "power supply",
    "bloc alim": "power supply",
    "power supply": "power supply",
    "câble d'alimentation": "power cable",
    "cordon d'alimentation": "power cable",
    "power cable": "power cable",
    "câble vidéo": "video cable",
    "câble HDMI": "hdmi cable",
    "câble VGA": "vga cable",
    "câble DisplayPort": "displayport cable",
    "sacoche": "bag",
    "housse": "sleeve",
    "bag": "bag",
    "station d'accueil": "docking station",
    "dock": "docking station",
    "docking station": "docking station",
    "stylet": "stylus",
    "stylus": "stylus",
    "webcam": "webcam",
    "casque": "headset",
    "headset": "headset",
    "pied": "stand",
    "stand": "stand",
}

#: Plausible range of each numeric field; outside it a value is an error.
LIMITS: dict[str, tuple[float, float]] = {
    "ram_gb": (0, 4096),
    "storage_gb": (0, 100_000),
    "screen_inches": (1, 100),
    "weight_kg": (0.01, 100),
}

#: Cell texts (compared in lower case) that mean the value is not known; so does a cell with
#: no letter or digit at all ("-", "?", "/").
MISSING_MARKERS: frozenset[str] = frozenset(
    {"n/a", "#n/a", "na", "n.a.", "nc", "n.c.", "n/c", "nd", "n.d.", "n/d", "null", "inconnu"}
    | {"unknown", "non renseigné", "non renseigne", "non communiqué", "non communique"}
)

#: Maximum length of each text field, as the devices table stores it.
TEXT_MAX_LENGTHS: dict[str, int] = {
    "serial_number": 80,
    "asset_tag": 80,
    "manufacturer": 80,
    "model": 120,
    "cpu": 120,
    "os": 80,
    "accessories": 200,
}

_SERIAL_MAX_LENGTH = TEXT_MAX_LENGTHS["serial_number"]
_ASSET_TAG_MAX_LENGTH = TEXT_MAX_LENGTHS["asset_tag"]
_ROUNDED_NUMBER = re.compile(r"\d+(?:[.,]\d+)?E\+\d+")
_LABELS = {
    "ram_gb": "RAM",
    "storage_gb": "storage",
    "screen_inches": "screen size",
    "weight_kg": "weight",
}

_ALNUM = re.compile(r"\w")
_NUMBER = r"(-?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?)"
_GB, _TB, _MB = ("", "g", "go", "gb", "gio", "gib"), ("t", "to", "tb"), ("m", "mo", "mb")
_RAM_UNITS = dict.fromkeys(_GB, 1) | dict.fromkeys(_TB, 1024) | dict.fromkeys(_MB, 1 / 1024)
_DRIVE_UNITS = dict.fromkeys(_GB, 1) | dict.fromkeys(_TB, 1000) | dict.fromkeys(_MB, 0.001)
_SIZE = re.compile(
    rf"(?:(\d+)\s*[x×*]\s*)?{_NUMBER}\s*(go|gb|gio|gib|g|to|tb|t|mo|mb|m)?", re.IGNORECASE
)
_RAM_WORDS = re.compile(
    r"(?<![a-z])(?:(?:lp)?ddr\s*\d?x?|(?:so-?)?dimm|ram|\d+\s*mhz)(?![a-z])", re.IGNORECASE
)
# Checked in this order: a drive named "NVMe SSD" is nvme, "SSD SATA" is ssd, "SATA" is hdd.
_DRIVE_TYPE_WORDS = (
    ("nvme", r"nvme|pcie"),
    ("emmc", r"emmc"),
    ("ssd", r"ssd|m\.?2|msata|flash"),
    ("hdd", r"hdd|sshd|sata|m[eé]canique|hard\s+disk"),
)
_DRIVE_TYPES = [
    (t, re.compile(rf"(?<![a-z]){w}(?![a-z])", re.IGNORECASE)) for t, w in _DRIVE_TYPE_WORDS
]
_DRIVE_WORDS = re.compile(
    r"(?<![a-z])(?:sata\s*(?:iii|ii|3|2)(?!\d)|"
    + "|".join(w for _, w in _DRIVE_TYPE_WORDS)
    + r"|disque|dur|disk|drive)(?![a-z])",
    re.IGNORECASE,
)
_FASTEST_FIRST = ("nvme", "ssd", "emmc", "hdd")
_NO_DRIVE = frozenset({"0", "aucun", "sans", "sans disque", "pas de disque", "none", "no disk"})
_SCREEN = re.compile(
    rf"{_NUMBER}\s*(\"|''|’’|”|″|pouces?|po|in|inch|inches|cm)?\s*"
    r"(?:\(?(?:full\s*hd|fhd|hd\+?|qhd|uhd|4k|wxga|wuxga|\d{3,4}\s*[x×]\s*\d{3,4})\)?)?",
    re.IGNORECASE,
)
_WEIGHT = re.compile(rf"{_NUMBER}\s*(kg|kgs|kilos?|g|gr|grammes?|grams?|lbs?)?\.?", re.IGNORECASE)
_WEIGHT_FACTORS = (
    dict.fromkeys(("", "kg", "kgs", "kilo", "kilos"), 1)
    | dict.fromkeys(("g", "gr", "gramme", "grammes", "gram", "grams"), 0.001)
    | dict.fromkeys(("lb", "lbs"), 0.45359237)
)
_COMPANY_SUFFIXES = frozenset(
    {"inc", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "sa", "sas"}
    | {"gmbh", "ag", "computer", "computers"}
)


def _key(text: str) -> str:
    return "".join(plain_words(text))


_CATEGORY_BY_KEY = {_key(name): category for name, category in CATEGORY_NAMES.items()}
_CATEGORY_BY_KEY |= {c: c for c in CATEGORIES}
_ACCESSORY_BY_KEY = {_key(name): accessory for name, accessory in ACCESSORY_NAMES.items()}


def _brand_key(text: str) -> str:
    words = plain_words(text)
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return "".join(words)


_BRAND_BY_KEY = {_brand_key(name): brand for name, brand in MANUFACTURER_NAMES.items()}


def blank_out_missing(texts: list[str]) -> list[str | None]:
    """The stripped cell texts, with None for those that hold nothing or a marker of unknown."""
    has_word = _ALNUM.search
    return [
        None if text.casefold() in MISSING_MARKERS or has_word(text) is None else text
        for text in texts
    ]


def to_places(number: float | Decimal, places: int) -> Decimal:
    """`number` to `places` decimals, half up, as PostgreSQL's numeric columns round what they
    store: 4.565 kg is 4.57, from a file or a form alike."""
    exact = number if isinstance(number, Decimal) else Decimal(repr(number))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number(text: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


def _check_range(field: str, value: float, written: str) -> None:
    lowest, highest = LIMITS[field]
    label = _LABELS[field]
    if value < 0:
        raise ValueError(f"{label} '{written}' is negative")
    if value < lowest:
        raise ValueError(f"{label} '{written}' is below {lowest:g}")
    if value > highest:
        raise ValueError(f"{label} '{written}' is above {highest:g}")


def _whole_gb(size: float) -> int:
    return math.floor(size + 0.5)


def parse_ram_gb(text: str, unit: str | None = None) -> int:
    """RAM in whole GB from "8 Go", "8GB", "8192 Mo", "2 x 4 Go", "8 Go DDR4" or "8,0"."""
    match = _SIZE.fullmatch(_RAM_WORDS.sub(" ", text).strip())
    if match is None:
        raise ValueError(f"cannot read RAM '{text}'; expected a size such as '8 Go' or '8192 Mo'")
    sticks, number, written_unit = match.groups()
    size = _number(number) * int(sticks or 1)
    size *= _RAM_UNITS[(written_unit or unit or "").lower()]
    _check_range("ram_gb", size, text)
    if 0 < size < 1:
        raise ValueError(f"RAM '{text}' is under 1 GB; leave it empty and say so in the notes")
    return _whole_gb(size)


def parse_storage(text: str, unit: str | None = None) -> tuple[int | None, str | None]:
    """Total drive size in whole GB and the drive type, from "SSD 256 Go", "1 To", "500G SATA".

    Several drives joined by "+" are added up; the type is the fastest one's, the system drive.
    """
    if " ".join(plain_words(text)) in _NO_DRIVE:
        return 0, None
    total: float | None = None
    types = []
    for part in text.split("+"):
        drive_type = storage_type_named(part)
        if drive_type is not None:
            types.append(drive_type)
        rest = _DRIVE_WORDS.sub(" ", part).strip(" :/()")
        # A dash followed by a space separates words ("SSD - 256 Go"); "-256" is negative.
        rest = re.sub(r"^-\s+", "", rest)
        if not rest:
            if drive_type is None:
                raise ValueError(f"cannot read storage '{text}'")
            continue
        match = _SIZE.fullmatch(rest)
        if match is None:
            raise ValueError(
                f"cannot read storage '{text}'; expected a size such as '256 Go', '1 To' "
                "or 'SSD 512 Go'"
            )
        drives, number, written_unit = match.groups()
        size = _number(number) * int(drives or 1)
        size *= _DRIVE_UNITS[(written_unit or unit or "").lower()]
        total = size + (total or 0)
    if total is not None:
        _check_range("storage_gb", total, text)
    fastest = min(types, key=_FASTEST_FIRST.index, default=None)
    return (None if total is None else _whole_gb(total)), fastest


def storage_type_named(text: str) -> str | None:
    """The drive type a text names ("SSD", "NVMe", "SATA", "mécanique"...), or None."""
    for drive_type, pattern in _DRIVE_TYPES:
        if pattern.search(text):
            return drive_type
    return None


def parse_storage_type(text: str) -> str:
    """A drive type from a type-of-drive cell: "SSD", "HDD", "NVMe", "eMMC", "mécanique"."""
    drive_type = storage_type_named(text)
    if drive_type is None:
        raise ValueError(
            f"unknown storage type '{text}'; expected one of: {', '.join(STORAGE_TYPES)}"
        )
    return drive_type


def parse_category(text: str) -> str:
    """A category from its French or English name ("Unité centrale", "PC portable", "Monitor"),
    also in the plural ("Écrans") or followed by details ("Écran 24 pouces", "PC portable Dell")."""
    words = plain_words(text)
    singular = [w[:-1] if len(w) > 2 and w.endswith(("s", "x")) else w for w in words]
    # The longest run of leading words that names a category wins.
    for size in range(len(words), 0, -1):
        category = _CATEGORY_BY_KEY.get("".join(words[:size])) or _CATEGORY_BY_KEY.get(
            "".join(singular[:size])
        )
        if category is not None:
            return category
    raise ValueError(f"unknown category '{text}'; expected one of: {', '.join(CATEGORIES)}")


def parse_screen_inches(text: str, unit: str | None = None) -> float:
    """A screen diagonal in inches, to 0.1, from '24"', "24 pouces", "23,8", "60 cm"."""
    match = _SCREEN.fullmatch(text)
    if match is None:
        raise ValueError(f"cannot read screen size '{text}'; expected inches such as '23,8'")
    inches = _number(match.group(1))
    if (match.group(2) or unit or "").lower() == "cm":
        inches /= 2.54
    _check_range("screen_inches", inches, text)
    return float(to_places(inches, 1))


def parse_weight_kg(text: str, unit: str | None = None) -> float:
    """A weight in kg, to 0.01, from "4,9 kg", "4900 g", "4.9"."""
    match = _WEIGHT.fullmatch(text)
    if match is None:
        raise ValueError(f"cannot read weight '{text}'; expected a weight such as '4,9 kg'")
    kg = _number(match.group(1)) * _WEIGHT_FACTORS[(match.group(2) or unit or "").lower()]
    _check_range("weight_kg", kg, text)
    return float(to_places(kg, 2))


def _check_length(field: str, text: str) -> str:
    limit = TEXT_MAX_LENGTHS.get(field)
    if limit is not None and len(text) > limit:
        raise ValueError(f"'{text[:40]}...' is {len(text)} characters long, over {limit}")
    return text


def _check_identifier(field: str, text: str, limit: int) -> str:
    # Excel shows a long numeric serial as 1,23457E+11 and saves it so: the digits are lost.
    if "E+" in text and _ROUNDED_NUMBER.fullmatch(text):
        raise ValueError(
            f"'{text}' is a number Excel rounded, not a whole identifier; format the column "
            "as text in the original file and export it again"
        )
    return text if len(text) <= limit else _check_length(field, text)


def normalise_serial(text: str) -> str:
    """A serial number in upper case without spaces ("cn-0 abc" -> "CN-0ABC")."""
    return _check_identifier("serial_number", "".join(text.split()).upper(), _SERIAL_MAX_LENGTH)


def normalise_asset_tag(text: str) -> str:
    """A donor's asset tag as written, its inner runs of spaces made single."""
    tag = " ".join(text.split())
    return _check_identifier("asset_tag", tag, _ASSET_TAG_MAX_LENGTH)


def normalise_manufacturer(text: str) -> str:
    """A common brand spelt as it spells itself ("HEWLETT PACKARD" -> "HP"), others as written."""
    return _BRAND_BY_KEY.get(_brand_key(text)) or _check_length(
        "manufacturer", " ".join(text.split())
    )


def normalise_accessories(text: str) -> str:
    """Accessories as a comma-separated list, known ones in English ("Clavier + souris")."""
    names = []
    for part in re.split(r"[,;+/\n]|\s+(?:et|and|&)\s+", text):
        written = " ".join(part.split())
        if written:
            name = _ACCESSORY_BY_KEY.get(_key(written), written)
            if name not in names:
                names.append(name)
    return _check_length("accessories", ", ".join(names))


def text_normaliser(field: str) -> Callable[[str], str]:
    """The normaliser of a free-text field: inner runs of spaces made single, length checked."""

    def normalise(text: str) -> str:
        return _check_length(field, " ".join(text.split()))

    return normalise


def normalise_notes(text: str) -> str:
    """Notes as written, lines kept (with Unix line ends)."""
    return text.replace("\r\n", "\n")


def unify_spellings(counts: dict[str, int]) -> dict[str, str]:
    """For names that differ only in case or spacing, the most frequent spelling (first on ties).

    ``counts`` gives how many times each spelling occurs, in order of first appearance.
    """
    best: dict[str, str] = {}
    for name, count in counts.items():
        key = _key(name)
        if key not in best or count > counts[best[key]]:
            best[key] = name
    return {name: best[_key(name)] for name in counts}
