"""Fonts, text measurement, and fitting a line to a width: shrink, then cut with "…"."""

import enum
import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

logger = logging.getLogger(__name__)

FONT_DIR = Path(__file__).parent / "fonts"
ELLIPSIS = "…"


class Face(enum.Enum):
    """The two typefaces a label uses."""

    CODE = "DejaVuSansMono-Bold.ttf"
    """The device code: monospace, so groups line up and O/0-like confusions cannot arise."""
    BODY = "DejaVuSansCondensed.ttf"
    """Everything else: condensed, to fit long model names on narrow labels."""

    @property
    def path(self) -> Path:
        """The bundled TrueType file."""
        return FONT_DIR / self.value

    @property
    def css_family(self) -> str:
        """CSS font-family list for SVG, the bundled face first."""
        if self is Face.CODE:
            return "'DejaVu Sans Mono', Menlo, Consolas, monospace"
        return "'DejaVu Sans Condensed', 'Arial Narrow', sans-serif"

    @property
    def css_weight(self) -> str:
        """CSS font-weight for SVG."""
        return "bold" if self is Face.CODE else "normal"


# Standard PDF fonts cover Latin-1 (so French accents) if the bundled files cannot be read.
_PDF_FALLBACK = {Face.CODE: "Courier-Bold", Face.BODY: "Helvetica"}


@functools.cache
def pdf_font(face: Face) -> str:
    """The reportlab font name for a face, registering the bundled TrueType file on first use."""
    name = f"Reuse-{face.value.removesuffix('.ttf')}"
    try:
        pdfmetrics.registerFont(TTFont(name, str(face.path)))
    except (OSError, TTFError):
        logger.warning("cannot load %s, using %s instead", face.path, _PDF_FALLBACK[face])
        return _PDF_FALLBACK[face]
    return name


def text_width(text: str, face: Face, size: float) -> float:
    """Advance width of a line of text set in a face at a size (in the size's unit)."""
    return _unit_width(text, face) * size


# A batch of labels repeats the same categories, models and specs line after line: measuring each
# string once saves most of the text work on a sheet.
@functools.lru_cache(maxsize=4096)
def _unit_width(text: str, face: Face) -> float:
    return pdfmetrics.stringWidth(text, pdf_font(face), 1.0)


@dataclass(frozen=True)
class FittedText:
    """A line as it will be printed: possibly shortened, at the size that makes it fit."""

    text: str
    size: float
    width: float


def fit_text(
    text: str, face: Face, width: float, max_size: float, min_size: float, keep: str = ""
) -> FittedText:
    """Fit text + keep into a width: largest size up to max_size, down to min_size, then cut text.

    The cut text ends with "…" and is followed by keep, which is never cut (unless it alone
    is too wide), so a grade survives a long specs line.
    """
    min_size = min(min_size, max_size)
    whole = text + keep
    unit_width = text_width(whole, face, 1.0)
    if unit_width * min_size <= width:
        size = max_size if unit_width * max_size <= width else width / unit_width
        return FittedText(whole, size, unit_width * size)
    # Binary search on the prefix length: widths grow with the prefix, so the longest fit is found
    # in a handful of measurements however long the text is.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS + keep, face, min_size) <= width:
            low = middle
        else:
            high = middle - 1
    cut = text[:low].rstrip() + ELLIPSIS + keep
    cut_width = text_width(cut, face, min_size)
    if cut_width <= width:
        return FittedText(cut, min_size, cut_width)
    if keep:
        return fit_text(keep.strip(" ·"), face, width, min_size, min_size)
    return FittedText("", min_size, 0.0)
