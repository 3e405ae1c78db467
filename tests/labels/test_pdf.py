"""PDF of labels: every QR scannable and in its cell, skip and copies, text kept in the label."""

import pytest

from labels import LAYOUTS, render_pdf
from labels.layouts import Layout
from tests.labels.samples import make_label, make_labels
from tests.labels.scan import Box, FoundQr, decode_pdf, pdf_page_sizes, pdf_text

LONG_MODEL = "OptiPlex 7050 Small Form Factor with an extraordinarily long name"


def cell_box(layout: Layout, position: int) -> Box:
    x, y = layout.cell_origin(position)
    return Box(x, y, x + layout.label_width, y + layout.label_height)


def position_of(layout: Layout, found: FoundQr) -> int:
    """The position of the cell whose rectangle holds the symbol's centre."""
    cx, cy = found.box.centre
    for position in range(layout.per_page):
        box = cell_box(layout, position)
        if box.left <= cx <= box.right and box.top <= cy <= box.bottom:
            return position
    raise AssertionError(f"QR at {found.box} lies in no cell")


def placed(layout: Layout, page: list[FoundQr]) -> dict[int, str]:
    return {position_of(layout, found): found.text for found in page}


@pytest.mark.parametrize(("layout", "per_page"), [("L7160", 21), ("L7163", 14)])
def test_full_sheet_decodes_every_label_with_its_qr_inside_its_cell(layout, per_page):
    stock = LAYOUTS[layout]
    labels = make_labels(per_page)
    pages = decode_pdf(render_pdf(labels, layout=layout))
    assert len(pages) == 1
    assert len(pages[0]) == per_page
    by_position = placed(stock, pages[0])
    assert by_position == {index: label.url for index, label in enumerate(labels)}
    for found in pages[0]:
        cell = cell_box(stock, position_of(stock, found))
        # The quiet zone (4 of the symbol's modules on each side) must be inside the cell too.
        quiet = 4 * (found.box.right - found.box.left) / 29
        assert found.box.within(
            Box(cell.left + quiet, cell.top + quiet, cell.right - quiet, cell.bottom - quiet),
            tolerance=0.3,
        )


def test_sheets_are_a4():
    assert pdf_page_sizes(render_pdf(make_labels(1))) == [pytest.approx((210, 297), abs=0.01)]


def test_skip_leaves_the_first_positions_empty():
    stock = LAYOUTS["L7160"]
    labels = make_labels(3)
    pages = decode_pdf(render_pdf(labels, layout="L7160", skip=5))
    assert placed(stock, pages[0]) == {5: labels[0].url, 6: labels[1].url, 7: labels[2].url}


def test_skip_carries_labels_over_to_a_second_sheet():
    stock = LAYOUTS["L7160"]
    labels = make_labels(20)
    pages = decode_pdf(render_pdf(labels, layout="L7160", skip=5))
    assert [len(page) for page in pages] == [16, 4]
    assert placed(stock, pages[1]) == {index: labels[16 + index].url for index in range(4)}


def test_copies_repeat_each_label_consecutively():
    stock = LAYOUTS["L7163"]
    first, second = make_labels(2)
    pages = decode_pdf(render_pdf([first, second], layout="L7163", copies=3))
    expected = [first.url] * 3 + [second.url] * 3
    assert placed(stock, pages[0]) == dict(enumerate(expected))


@pytest.mark.parametrize(
    ("count", "layout", "skip", "copies", "pages"),
    [
        (14, "L7163", 0, 1, 1),
        (15, "L7163", 0, 1, 2),
        (21, "L7160", 0, 1, 1),
        (8, "L7160", 0, 3, 2),
        (1, "L7160", 20, 2, 2),
        (3, "thermal-50x25", 0, 2, 6),
    ],
)
def test_page_count_follows_labels_skip_and_copies(count, layout, skip, copies, pages):
    data = render_pdf(make_labels(count), layout=layout, skip=skip, copies=copies)
    assert len(pdf_page_sizes(data)) == pages


def test_thermal_pdf_has_one_50_by_25_mm_label_per_page():
    labels = make_labels(3)
    data = render_pdf(labels, layout="thermal-50x25")
    assert pdf_page_sizes(data) == [pytest.approx((50, 25), abs=0.01)] * 3
    pages = decode_pdf(data, dpi=300)
    assert [[found.text for found in page] for page in pages] == [[label.url] for label in labels]


def test_a_single_label_needs_no_list():
    label = make_label()
    assert [found.text for found in decode_pdf(render_pdf(label))[0]] == [label.url]


@pytest.mark.parametrize("layout", ["thermal-50x25", "L7160", "L7163"])
def test_long_model_name_stays_inside_the_label_and_right_of_the_qr(layout):
    stock = LAYOUTS[layout]
    label = make_label(model=LONG_MODEL, category="Écran " * 12)
    data = render_pdf(label, layout=layout)
    text, boxes = pdf_text(data)
    assert "…" in text
    found = decode_pdf(data, dpi=300)[0]
    assert [qr.text for qr in found] == [label.url]
    cell = cell_box(stock, 0)
    inner = Box(
        cell.left + stock.inset,
        cell.top + stock.inset,
        cell.right - stock.inset,
        cell.bottom - stock.inset,
    )
    quiet = 4 * (found[0].box.right - found[0].box.left) / 29
    for box in boxes:
        assert box.within(inner, tolerance=0.05)
        assert box.left >= found[0].box.right + quiet - 0.3


def test_french_accents_are_kept_and_the_fonts_embedded():
    data = render_pdf(make_label(model="Écran Ultra-Sharp Ü", category="Unité centrale"))
    text, _ = pdf_text(data)
    assert "Écran Ultra-Sharp Ü" in text
    assert "Unité centrale" in text
    assert b"/FontFile2" in data


def test_qr_is_vector_not_an_image():
    data = render_pdf(make_labels(21))
    assert b"/Subtype /Image" not in data


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"skip": 21}, "skip"),
        ({"skip": -1}, "skip"),
        ({"copies": 0}, "copies"),
        ({"layout": "A4-plain"}, "layout"),
    ],
)
def test_render_pdf_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        render_pdf(make_labels(1), **kwargs)


def test_render_pdf_refuses_an_empty_batch():
    with pytest.raises(ValueError, match="no labels"):
        render_pdf([])


def test_a_long_sheet_reports_its_progress_label_by_label():
    done: list[int] = []
    render_pdf(make_labels(3), "L7160", copies=2, progress=done.append)
    assert done == [1, 2, 3]
