"""SVG of one label: well-formed, vector only, scannable, text inside the label."""

import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageDraw

from labels import LAYOUTS, render_svg
from labels.layouts import MM
from labels.qr import QUIET_ZONE
from tests.labels.samples import make_label
from tests.labels.scan import decode_image

SVG = "{http://www.w3.org/2000/svg}"
RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-\3z")


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def test_svg_is_well_formed_xml_with_a_millimetre_size():
    root = parse(render_svg(make_label()))
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("50mm", "25mm")


def test_svg_contains_no_embedded_image():
    data = render_svg(make_label())
    root = parse(data)
    assert not [element for element in root.iter() if element.tag == f"{SVG}image"]
    assert b"<image" not in data
    assert b"base64" not in data


def test_svg_qr_path_decodes_to_the_label_url():
    """Draw the path's runs back into pixels: what a browser would fill, the scanner reads."""
    label = make_label()
    path = parse(render_svg(label)).find(f"{SVG}path")
    runs = [tuple(map(int, match)) for match in RUN.findall(path.get("d"))]
    assert "".join(f"M{x} {y}h{n}v1h-{n}z" for x, y, n in runs) == path.get("d")
    pixels, size = 6, max(y for _, y, _ in runs) + 1
    side = (size + 2 * QUIET_ZONE) * pixels
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    for x, y, n in runs:
        left, top = (x + QUIET_ZONE) * pixels, (y + QUIET_ZONE) * pixels
        draw.rectangle((left, top, left + n * pixels - 1, top + pixels - 1), fill=0)
    assert [found.text for found in decode_image(image, 72)] == [label.url]


def test_svg_escapes_markup_in_text():
    data = render_svg(make_label(model="<script>&"))
    root = parse(data)
    assert any(text.text and "<script>&" in text.text for text in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("layout", ["thermal-50x25", "L7160", "L7163"])
def test_svg_long_text_stays_inside_the_label(layout):
    label = make_label(model="X" * 60, category="Unité centrale " * 4)
    root = parse(render_svg(label, layout=layout))
    stock = LAYOUTS[layout]
    width, height = stock.label_width * MM, stock.label_height * MM
    inset = stock.inset * MM
    texts = list(root.iter(f"{SVG}text"))
    assert texts
    for text in texts:
        x, length = float(text.get("x")), float(text.get("textLength"))
        y, size = float(text.get("y")), float(text.get("font-size"))
        # DejaVu: accented capitals reach 0.93 em above the baseline, descenders 0.24 em below.
        assert x + length <= width - inset + 1e-6
        assert inset - 1e-6 <= y - size and y + 0.25 * size <= height - inset + 1e-6
    assert any(text.text.endswith("…") for text in texts)


def test_svg_keeps_french_accents():
    data = render_svg(make_label(model="Écran Ultra-Sharp Ü"))
    assert "Écran Ultra-Sharp Ü".encode() in data
