"""Where things go on one label: the QR box and the fitted text lines, in the renderer's unit."""

import math
from dataclasses import dataclass

from labels.data import LabelData
from labels.layouts import MM, Layout
from labels.qr import QUIET_ZONE, QrSymbol, make_qr
from labels.text import Face, fit_text

QR_SHARE = 0.5
"""The QR box takes at most this share of the label's width, so the text keeps room."""

LEADING = 1.25
"""Line slot height over font size: room for accents above capitals and for descenders."""


@dataclass(frozen=True)
class TextLine:
    """One fitted line of text; x and baseline are from the label's top-left corner."""

    text: str
    face: Face
    size: float
    x: float
    baseline: float
    width: float


@dataclass(frozen=True)
class Artwork:
    """One label laid out: sizes and positions in one unit (points, pixels or printer dots)."""

    width: float
    height: float
    qr: QrSymbol
    qr_x: float
    qr_y: float
    module: float
    lines: tuple[TextLine, ...]
    text_left: float
    text_width: float

    @property
    def symbol_origin(self) -> tuple[float, float]:
        """Top-left corner of the first module, inside the quiet zone."""
        return self.qr_x + QUIET_ZONE * self.module, self.qr_y + QUIET_ZONE * self.module


@dataclass(frozen=True)
class _Role:
    weight: float
    face: Face
    min_pt: float


_CODE = _Role(2.2, Face.CODE, 6.0)
_LINE = _Role(1.2, Face.BODY, 5.0)
_SMALL = _Role(0.9, Face.BODY, 4.0)


def _texts(label: LabelData) -> list[tuple[str, str, _Role]]:
    """(text, part never cut, role) of each line the label prints, top to bottom."""
    make_model = " ".join(
        part.strip() for part in (label.manufacturer, label.model) if part.strip()
    )
    specs = label.specs.strip()
    grade = f"Grade {label.grade.strip()}" if label.grade and label.grade.strip() else ""
    texts = [
        (label.code.strip(), "", _CODE),
        (label.category.strip(), "", _LINE),
        (make_model, "", _LINE),
        (specs, f" · {grade}", _LINE) if specs and grade else (specs or grade, "", _LINE),
        ((label.programme or "").strip(), "", _SMALL),
    ]
    return [(text, keep, role) for text, keep, role in texts if text]


def compose(
    label: LabelData,
    layout: Layout,
    scale: float = 1.0,
    whole_modules: bool = False,
    qr: QrSymbol | None = None,
) -> Artwork:
    """Lay one label out for a layout's label size; scale is units per point (1 for PDF points).

    whole_modules rounds the module down to a whole unit, for pixels and printer dots.
    """
    qr = qr or make_qr(label.url)
    width = layout.label_width * MM * scale
    height = layout.label_height * MM * scale
    inset = layout.inset * MM * scale

    module = min(height, width * QR_SHARE) / qr.side
    if whole_modules:
        module = max(1, math.floor(module))
    box = module * qr.side
    # The quiet zone is itself a white margin, so the box may touch the label's edge.
    qr_x = 0.0
    qr_y = (height - box) / 2
    if whole_modules:
        qr_y = float(math.floor(qr_y))

    text_left = qr_x + box
    text_width = width - inset - text_left
    texts = _texts(label) if text_width > 0 else []
    total_weight = sum(role.weight for _, _, role in texts)
    slot_unit = (height - 2 * inset) / total_weight if texts else 0.0

    lines = []
    slot_top = inset
    for text, keep, role in texts:
        slot = role.weight * slot_unit
        fitted = fit_text(text, role.face, text_width, slot / LEADING, role.min_pt * scale, keep)
        if fitted.text:
            # Centre capitals in the slot: cap height is about 0.73 em in DejaVu.
            baseline = slot_top + slot / 2 + 0.365 * fitted.size
            lines.append(
                TextLine(fitted.text, role.face, fitted.size, text_left, baseline, fitted.width)
            )
        slot_top += slot
    return Artwork(
        width=width,
        height=height,
        qr=qr,
        qr_x=qr_x,
        qr_y=qr_y,
        module=module,
        lines=tuple(lines),
        text_left=text_left,
        text_width=text_width,
    )
