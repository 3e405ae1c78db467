"""Label stocks as data: page size, margins, pitch, label size, columns and rows."""

from dataclasses import dataclass

MM = 72 / 25.4
"""Points per millimetre."""


@dataclass(frozen=True)
class Layout:
    """One label stock; lengths in mm, positions from the page's top-left corner."""

    name: str
    description: str
    page_width: float
    page_height: float
    label_width: float
    label_height: float
    columns: int = 1
    rows: int = 1
    left: float = 0.0
    top: float = 0.0
    pitch_x: float = 0.0
    pitch_y: float = 0.0
    inset: float = 1.5
    """Clear margin inside each label: sheet feeders drift by about a millimetre."""

    @property
    def per_page(self) -> int:
        """How many labels one page holds."""
        return self.columns * self.rows

    def cell_origin(self, position: int) -> tuple[float, float]:
        """Top-left corner (mm from the page's top-left) of a position on a page, row by row."""
        row, column = divmod(position, self.columns)
        return self.left + column * self.pitch_x, self.top + row * self.pitch_y


# Avery's published geometry; sources differ by up to 0.05 mm on the L7160 side margin and pitch
# (7.2 / 7.21 / 7.25 mm, 66.0 / 66.04 mm), far below the sheets' own cutting tolerance.
LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout(
            name="L7160",
            description="Avery L7160, A4, 3 x 7 labels of 63.5 x 38.1 mm",
            page_width=210.0,
            page_height=297.0,
            label_width=63.5,
            label_height=38.1,
            columns=3,
            rows=7,
            left=7.2,
            top=15.15,
            pitch_x=66.0,
            pitch_y=38.1,
        ),
        Layout(
            name="L7163",
            description="Avery L7163, A4, 2 x 7 labels of 99.1 x 38.1 mm",
            page_width=210.0,
            page_height=297.0,
            label_width=99.1,
            label_height=38.1,
            columns=2,
            rows=7,
            left=4.65,
            top=15.15,
            pitch_x=101.6,
            pitch_y=38.1,
        ),
        Layout(
            name="thermal-50x25",
            description="Thermal roll, one 50 x 25 mm label per page",
            page_width=50.0,
            page_height=25.0,
            label_width=50.0,
            label_height=25.0,
            pitch_x=50.0,
            pitch_y=25.0,
            inset=1.0,
        ),
    )
}


def get_layout(layout: "str | Layout") -> Layout:
    """The layout of that name (or the layout itself).

    :raises ValueError: for an unknown name.
    """
    if isinstance(layout, Layout):
        return layout
    try:
        return LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown label layout {layout!r}; known: {', '.join(LAYOUTS)}") from None
