"""Label data builders for the label tests: valid defaults, keyword overrides."""

from labels import LabelData

ALPHABET = "BCDEFGHJKNPRSTVX"


def make_label(**overrides: object) -> LabelData:
    """A typical desktop label; any field can be overridden."""
    fields = {
        "code": "KXBT-RHNP-R",
        "url": "https://reuse.example.org/d/KXBTRHNPR",
        "category": "Unité centrale",
        "manufacturer": "Dell",
        "model": "OptiPlex 7050 SFF",
        "specs": "i5-7500 · 8 Go · SSD 256 Go",
        "grade": "A",
        "programme": "Ville de Lyon 2026",
    }
    fields.update(overrides)
    return LabelData(**fields)  # type: ignore[arg-type]


def code_for(index: int) -> str:
    """A distinct nine-letter code per index (not check-digit valid: labels print what they get)."""
    letters = []
    for _ in range(9):
        index, digit = divmod(index, len(ALPHABET))
        letters.append(ALPHABET[digit])
    return "".join(reversed(letters))


def make_labels(count: int, **overrides: object) -> list[LabelData]:
    """count labels with distinct codes and URLs."""
    labels = []
    for index in range(count):
        code = code_for(index)
        labels.append(
            make_label(
                code=f"{code[:4]}-{code[4:8]}-{code[8]}",
                url=f"https://reuse.example.org/d/{code}",
                **overrides,
            )
        )
    return labels
