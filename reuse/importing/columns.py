"""Which spreadsheet headers name which device field: the alias table and the header matcher.

Headers are compared by a key that ignores case, accents, spaces and punctuation, the words
"de", "d'", "du", "des", "la", "le", "l'", "of", "the", and the number words "N°", "Nº", "No",
"Nr", "Num", "Numéro", "Number"; so "N° de série", "Numéro de série" and "No serie" are one key.
A unit written at the end of a header ("RAM (Go)", "Poids (g)", "Écran (cm)") is the unit of
the cells that give none. A storage header that names a drive type ("SSD", "Disque SSD") gives
that type to the cells that name none.

Accepted headers, by field (``COLUMN_ALIASES``):

- serial_number: N° de série, Numéro de série, Série, Serial, Serial number, Serial No, S/N, SN,
  Service tag
- asset_tag: N° d'inventaire, Inventaire, Étiquette, Asset tag, Asset, Asset number, Tag,
  Immobilisation, N° d'immo, Code inventaire
- category (required): Catégorie, Type, Category, Type de matériel, Type d'équipement,
  Device type, Famille
- manufacturer: Marque, Fabricant, Constructeur, Manufacturer, Brand, Make, Vendor
- model: Modèle, Model, Désignation
- cpu: Processeur, CPU, Processor
- ram_gb: RAM, Mémoire, Mémoire vive, Mémoire RAM, Memory
- storage_gb: Disque, Disque dur, Stockage, Capacité, Capacité disque, Storage, Disk, HDD, SSD,
  Disque SSD (the cell may also name the drive type: "SSD 256 Go")
- storage_type: Type de disque, Type de stockage, Storage type, Disk type
- screen_inches: Écran, Taille écran, Diagonale, Pouces, Screen, Screen size, Display
- os: Système, Système d'exploitation, OS, Operating system
- accessories: Accessoires, Accessories
- weight_kg: Poids, Weight
- notes: Commentaire, Commentaires, Remarque, Remarques, Notes, Note, Observation, Observations,
  Comments
"""

import re
import unicodedata
from dataclasses import dataclass

#: Every accepted header as a person writes it -> the device field it fills.
COLUMN_ALIASES: dict[str, str] = {
    "N° de série": "serial_number",
    "Numéro de série": "serial_number",
    "Série": "serial_number",
    "Serial": "serial_number",
    "Serial number": "serial_number",
    "S/N": "serial_number",
    "SN": "serial_number",
    "Service tag": "serial_number",
    "N° d'inventaire": "asset_tag",
    "Inventaire": "asset_tag",
    "Étiquette": "asset_tag",
    "Asset tag": "asset_tag",
    "Asset": "asset_tag",
    "Tag": "asset_tag",
    "Immobilisation": "asset_tag",
    "N° d'immo": "asset_tag",
    "Code inventaire": "asset_tag",
    "Catégorie": "category",
    "Type": "category",
    "Category": "category",
    "Type de matériel": "category",
    "Type d'équipement": "category",
    "Device type": "category",
    "Famille": "category",
    "Marque": "manufacturer",
    "Fabricant": "manufacturer",
    "Constructeur": "manufacturer",
    "Manufacturer": "manufacturer",
    "Brand": "manufacturer",
    "Make": "manufacturer",
    "Vendor": "manufacturer",
    "Modèle": "model",
    "Model": "model",
    "Désignation": "model",
    "Processeur": "cpu",
    "CPU": "cpu",
    "Processor": "cpu",
    "RAM": "ram_gb",
    "Mémoire": "ram_gb",
    "Mémoire vive": "ram_gb",
    "Mémoire RAM": "ram_gb",
    "Memory": "ram_gb",
    "Disque": "storage_gb",
    "Disque dur": "storage_gb",
    "Stockage": "storage_gb",
    "Capacité": "storage_gb",
    "Capacité disque": "storage_gb",
    "Storage": "storage_gb",
    "Disk": "storage_gb",
    "HDD": "storage_gb",
    "SSD": "storage_gb",
    "Disque SSD": "storage_gb",
    "Type de disque": "storage_type",
    "Type de stockage": "storage_type",
    "Storage type": "storage_type",
    "Disk type": "storage_type",
    "Écran": "screen_inches",
    "Taille écran": "screen_inches",
    "Diagonale": "screen_inches",
    "Pouces": "screen_inches",
    "Screen": "screen_inches",
    "Screen size": "screen_inches",
    "Display": "screen_inches",
    "Système": "os",
    "Système d'exploitation": "os",
    "OS": "os",
    "Operating system": "os",
    "Accessoires": "accessories",
    "Accessories": "accessories",
    "Poids": "weight_kg",
    "Weight": "weight_kg",
    "Commentaire": "notes",
    "Commentaires": "notes",
    "Remarque": "notes",
    "Remarques": "notes",
    "Notes": "notes",
    "Note": "notes",
    "Observation": "notes",
    "Observations": "notes",
    "Comments": "notes",
}

#: Fields a file must have a column for.
REQUIRED_FIELDS: tuple[str, ...] = ("category",)

#: Units a header may end with, per field; the cells' parsers read the same words.
HEADER_UNITS: dict[str, frozenset[str]] = {
    "ram_gb": frozenset({"go", "gb", "g", "mo", "mb", "to", "tb"}),
    "storage_gb": frozenset({"go", "gb", "g", "mo", "mb", "to", "tb"}),
    "screen_inches": frozenset({"pouces", "pouce", "po", "in", "inch", "inches", "cm"}),
    "weight_kg": frozenset({"kg", "g", "gr", "grammes", "lb", "lbs"}),
}

_NUMBER_WORDS = frozenset({"n", "no", "nr", "num", "numero", "number"})
_FILLER_WORDS = frozenset({"de", "d", "du", "des", "la", "le", "l", "of", "the"})


def plain_words(text: str) -> list[str]:
    """The lower-case, accent-free alphanumeric words of a text."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    unaccented = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", unaccented)


def header_key(header: str) -> str:
    """The comparison key of a header: its plain words less number and filler words, joined."""
    words = [w for w in plain_words(header) if w not in _FILLER_WORDS]
    meaningful = [w for w in words if w not in _NUMBER_WORDS]
    # "S/N" or a lone "No" is all number words: keep them rather than match nothing.
    return "".join(meaningful or words)


_FIELD_BY_KEY: dict[str, str] = {header_key(alias): f for alias, f in COLUMN_ALIASES.items()}


@dataclass(frozen=True)
class ColumnMatch:
    """A header of the file recognised as a device field, with the unit the header states."""

    header: str
    position: int
    field: str
    unit: str | None = None


def match_header(header: str, position: int) -> ColumnMatch | None:
    """The field a header names (with its trailing unit, if any), or None if it names none."""
    key = header_key(header)
    if key in _FIELD_BY_KEY:
        return ColumnMatch(header, position, _FIELD_BY_KEY[key])
    words = [w for w in plain_words(header) if w not in _FILLER_WORDS]
    if len(words) < 2:
        return None
    unit = words[-1]
    field = _FIELD_BY_KEY.get(header_key(" ".join(words[:-1])))
    if field is not None and unit in HEADER_UNITS.get(field, ()):
        return ColumnMatch(header, position, field, unit)
    return None
