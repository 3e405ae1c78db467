"""PNG of one label: scannable, at the asked resolution, text kept inside the label."""

import io

import pytest
from PIL import Image

from labels import LAYOUTS, render_png
from tests.labels.samples import make_label
from tests.labels.scan import decode_png

LONG_MODEL = "OptiPlex 7050 Small Form Factor with an extraordinarily long name"


@pytest.mark.parametrize(("dpi", "size"), [(300, (591, 295)), (203, (400, 200))])
def test_png_is_a_50_by_25_mm_label_at_the_asked_resolution(dpi, size):
    data = render_png(make_label(), dpi=dpi)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == size
        assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.01)


@pytest.mark.parametrize("dpi", [150, 203, 300, 600])
def test_png_qr_decodes_to_the_label_url(dpi):
    label = make_label()
    assert decode_png(render_png(label, dpi=dpi)) == [label.url]


@pytest.mark.parametrize("layout", ["L7160", "L7163"])
def test_png_takes_a_sheet_label_size(layout):
    label = make_label()
    data = render_png(label, dpi=150, layout=layout)
    stock = LAYOUTS[layout]
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (
            round(stock.label_width / 25.4 * 150),
            round(stock.label_height / 25.4 * 150),
        )
    assert decode_png(data) == [label.url]


def test_png_long_model_name_leaves_the_label_margins_blank():
    label = make_label(model=LONG_MODEL, specs="i5-7500 · 8 Go · SSD 256 Go · Wi-Fi · Bluetooth")
    dpi = 300
    with Image.open(io.BytesIO(render_png(label, dpi=dpi))) as image:
        inset = int(LAYOUTS["thermal-50x25"].inset / 25.4 * dpi)
        width, height = image.size
        bands = [
            image.crop((width - inset, 0, width, height)),
            image.crop((0, 0, width, inset)),
            image.crop((0, height - inset, width, height)),
        ]
        assert all(band.getextrema() == (255, 255) for band in bands)
    assert decode_png(render_png(label, dpi=dpi)) == [label.url]


def test_png_refuses_a_resolution_too_low_for_a_qr_code():
    with pytest.raises(ValueError, match="dpi"):
        render_png(make_label(), dpi=50)
