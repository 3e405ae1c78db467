"""ZPL II for Zebra thermal printers: one ^XA...^XZ format per label, QR drawn by the printer."""

from collections.abc import Iterable

from labels.artwork import compose
from labels.data import LabelData
from labels.layouts import Layout, get_layout
from labels.qr import QrSymbol, qr_size

PRINTER_DPIS = (203, 300, 600)
"""Zebra print heads: 8, 12 and 24 dots per millimetre."""

BASELINE_DROP = 0.8
"""Distance from the top of a ^A0 character cell to its baseline, over the cell height."""

_ESCAPES = str.maketrans({"_": "_5F", "^": "_5E", "~": "_7E"})


def _field_data(text: str) -> str:
    """Text for a ^FD preceded by ^FH_: the characters ZPL would read as commands, hex-escaped."""
    return text.translate(_ESCAPES)


def _format(label: LabelData, stock: Layout, dpi: int, copies: int) -> str:
    """The ZPL format of one label."""
    # The printer encodes the QR itself; only the symbol's size is needed, to choose the module.
    symbol = QrSymbol(payload=label.url, size=qr_size(label.url), runs=())
    artwork = compose(label, stock, scale=dpi / 72, whole_modules=True, qr=symbol)
    sx, sy = (round(value) for value in artwork.symbol_origin)
    commands = [
        "^XA",
        "^CI28",
        f"^PW{round(artwork.width)}",
        f"^LL{round(artwork.height)}",
        "^LH0,0",
        # ^FD's first letter is the error correction level (M, as for every other format), the
        # second (A) lets the printer choose the encoding modes.
        f"^FO{sx},{sy}^BQN,2,{int(artwork.module)}^FH_^FDMA,{_field_data(label.url)}^FS",
    ]
    block_width = int(artwork.text_width)
    for line in artwork.lines:
        height = round(line.size)
        top = max(0, round(line.baseline - BASELINE_DROP * line.size))
        # ^FB bounds the field to the text column: the printer wraps rather than runs off the label.
        commands.append(
            f"^FO{round(line.x)},{top}^A0N,{height},{height}^FB{block_width},1,0,L,0"
            f"^FH_^FD{_field_data(line.text)}^FS"
        )
    if copies > 1:
        commands.append(f"^PQ{copies}")
    commands.append("^XZ")
    return "\n".join(commands) + "\n"


def render_zpl(
    labels: LabelData | Iterable[LabelData],
    dpi: int = 203,
    copies: int = 1,
    layout: str | Layout = "thermal-50x25",
) -> bytes:
    """ZPL (UTF-8, ^CI28) for labels on a single-label roll; copies become ^PQ.

    :raises ValueError: for a dpi no Zebra head has, a sheet layout, no labels, or copies < 1.
    """
    if dpi not in PRINTER_DPIS:
        raise ValueError(f"dpi must be one of {', '.join(map(str, PRINTER_DPIS))}")
    stock = get_layout(layout)
    if stock.per_page != 1:
        raise ValueError(f"{stock.name} is a sheet layout; ZPL prints on a roll of single labels")
    if copies < 1:
        raise ValueError("copies must be at least 1")
    items = [labels] if isinstance(labels, LabelData) else list(labels)
    if not items:
        raise ValueError("no labels to render")
    return "".join(_format(label, stock, dpi, copies) for label in items).encode("utf-8")
