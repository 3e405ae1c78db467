"""What one label shows: plain values handed over by the caller."""

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelData:
    """The printed content of one device label.

    There is deliberately no field for the donor's name or asset tag: a label carries our code only.
    """

    code: str
    url: str
    category: str
    manufacturer: str
    model: str
    specs: str
    grade: str | None
    programme: str | None = None

    def __post_init__(self) -> None:
        if not self.url:
            raise ValueError("a label needs a URL to encode in its QR code")
