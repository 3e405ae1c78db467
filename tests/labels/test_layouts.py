"""Label stocks: Avery geometry as data."""

import itertools

import pytest

from labels import LAYOUTS
from labels.layouts import get_layout


@pytest.mark.parametrize(
    ("name", "per_page", "label_size"),
    [("L7160", 21, (63.5, 38.1)), ("L7163", 14, (99.1, 38.1)), ("thermal-50x25", 1, (50, 25))],
)
def test_layout_holds_its_published_count_and_size(name, per_page, label_size):
    layout = LAYOUTS[name]
    assert layout.per_page == per_page
    assert (layout.label_width, layout.label_height) == pytest.approx(label_size)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_cell_lies_on_the_page_and_no_two_cells_overlap(name):
    layout = LAYOUTS[name]
    cells = []
    for position in range(layout.per_page):
        x, y = layout.cell_origin(position)
        assert x >= 0 and y >= 0
        assert x + layout.label_width <= layout.page_width + 1e-9
        assert y + layout.label_height <= layout.page_height + 1e-9
        cells.append((x, y, x + layout.label_width, y + layout.label_height))
    for a, b in itertools.combinations(cells, 2):
        overlap_x = min(a[2], b[2]) - max(a[0], b[0])
        overlap_y = min(a[3], b[3]) - max(a[1], b[1])
        assert overlap_x <= 1e-9 or overlap_y <= 1e-9


@pytest.mark.parametrize("name", ["L7160", "L7163"])
def test_avery_sheets_are_centred_on_a4(name):
    layout = LAYOUTS[name]
    right = layout.page_width - (
        layout.left + (layout.columns - 1) * layout.pitch_x + layout.label_width
    )
    bottom = layout.page_height - (
        layout.top + (layout.rows - 1) * layout.pitch_y + layout.label_height
    )
    assert right == pytest.approx(layout.left, abs=0.15)
    assert bottom == pytest.approx(layout.top, abs=0.01)


def test_positions_run_along_rows_first():
    layout = LAYOUTS["L7160"]
    assert layout.cell_origin(0) == pytest.approx((7.2, 15.15))
    assert layout.cell_origin(2) == pytest.approx((7.2 + 2 * 66.0, 15.15))
    assert layout.cell_origin(3) == pytest.approx((7.2, 15.15 + 38.1))


def test_an_unknown_layout_name_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="L7160"):
        get_layout("L9999")
