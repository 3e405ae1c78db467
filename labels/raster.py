"""PNG of one label, drawn at a printer's resolution with whole-pixel QR modules."""

import functools
import io

from PIL import Image, ImageDraw, ImageFont

from labels.artwork import compose
from labels.data import LabelData
from labels.layouts import Layout, get_layout
from labels.text import Face


@functools.cache
def _font(face: Face, size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The face at a pixel size; Pillow's own font if the bundled file cannot be read."""
    try:
        # Basic layout (no shaping engine) advances glyphs as the PDF metrics measured them.
        return ImageFont.truetype(str(face.path), size, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        return ImageFont.load_default(size)


def render_png(label: LabelData, dpi: int = 300, layout: str | Layout = "thermal-50x25") -> bytes:
    """PNG of one label at a layout's label size (a 50 x 25 mm thermal label by default).

    :raises ValueError: for a dpi below 72 or an unknown layout.
    """
    if dpi < 72:
        raise ValueError("dpi must be at least 72 to draw a scannable QR code")
    stock = get_layout(layout)
    artwork = compose(label, stock, scale=dpi / 72, whole_modules=True)
    image = Image.new("L", (round(artwork.width), round(artwork.height)), 255)
    draw = ImageDraw.Draw(image)
    module = int(artwork.module)
    left, top = (int(value) for value in artwork.symbol_origin)
    for x, y, length in artwork.qr.runs:
        x0, y0 = left + x * module, top + y * module
        # Pillow's rectangle includes its far corner, hence the - 1.
        draw.rectangle((x0, y0, x0 + length * module - 1, y0 + module - 1), fill=0)
    for line in artwork.lines:
        font = _font(line.face, round(line.size, 2))
        draw.text((line.x, line.baseline), line.text, font=font, fill=0, anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()
