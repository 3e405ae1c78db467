"""SVG of one label: the QR as one vector path, text as text, no embedded image."""

from xml.sax.saxutils import escape, quoteattr

from labels.artwork import compose
from labels.data import LabelData
from labels.layouts import Layout, get_layout


def _number(value: float) -> str:
    """A coordinate with at most three decimals and no trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def render_svg(label: LabelData, layout: str | Layout = "thermal-50x25") -> bytes:
    """SVG (UTF-8) of one label at a layout's label size, in points with a size in millimetres."""
    stock = get_layout(layout)
    artwork = compose(label, stock)
    width, height = _number(artwork.width), _number(artwork.height)
    sx, sy = artwork.symbol_origin
    modules = "".join(f"M{x} {y}h{n}v1h-{n}z" for x, y, n in artwork.qr.runs)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1"'
        f' width="{_number(stock.label_width)}mm" height="{_number(stock.label_height)}mm"'
        f' viewBox="0 0 {width} {height}">\n',
        f"<title>{escape(label.code)}</title>\n",
        f'<rect width="{width}" height="{height}" fill="#fff"/>\n',
        f'<path transform="translate({_number(sx)} {_number(sy)}) scale({_number(artwork.module)})"'
        f' fill="#000" shape-rendering="crispEdges" d="{modules}"/>\n',
    ]
    for line in artwork.lines:
        # textLength pins the measured width, so a viewer's substitute font cannot overflow.
        parts.append(
            f'<text x="{_number(line.x)}" y="{_number(line.baseline)}"'
            f" font-family={quoteattr(line.face.css_family)}"
            f' font-weight="{line.face.css_weight}" font-size="{_number(line.size)}"'
            f' textLength="{_number(line.width)}" lengthAdjust="spacingAndGlyphs">'
            f"{escape(line.text)}</text>\n"
        )
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")
