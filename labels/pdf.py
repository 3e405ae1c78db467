"""PDF of labels: one thermal label per page, or A4 label sheets with skip and copies."""

import io
from collections.abc import Callable, Iterable

from reportlab.pdfgen import canvas

from labels.artwork import Artwork, compose
from labels.data import LabelData
from labels.layouts import MM, Layout, get_layout
from labels.text import pdf_font


def _qr_operators(artwork: Artwork) -> str:
    """The symbol's dark runs as one filled path, in module units (placed by a cm before it)."""
    return "".join([f"{x} {y} {n} 1 re\n" for x, y, n in artwork.qr.runs]) + "f\n"


def _draw(pdf: canvas.Canvas, artwork: Artwork, qr_path: str, left: float, top: float) -> None:
    """Draw one label whose top-left corner is at (left, top) in PDF coordinates (y up)."""
    module = artwork.module
    sx, sy = artwork.symbol_origin
    # One path per symbol in module units: short integer operands keep the stream small and the
    # y-flipping matrix lets rows run downwards as in the matrix.
    pdf.addLiteral(f"q {module:.4f} 0 0 {-module:.4f} {left + sx:.3f} {top - sy:.3f} cm\n")
    pdf.addLiteral(qr_path)
    pdf.addLiteral("Q")
    for line in artwork.lines:
        pdf.setFont(pdf_font(line.face), line.size)
        pdf.drawString(left + line.x, top - line.baseline, line.text)


def _positions(layout: Layout, count: int, skip: int) -> Iterable[tuple[int, int]]:
    """(page, position on the page) of each of count labels, after skip empty positions."""
    for index in range(skip, skip + count):
        yield divmod(index, layout.per_page)


def render_pdf(
    labels: LabelData | Iterable[LabelData],
    layout: str | Layout = "L7160",
    skip: int = 0,
    copies: int = 1,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """PDF of labels on a layout; skip leaves the first positions of the first page empty;
    `progress` is told how many labels are drawn, after each one.

    :raises ValueError: for no labels, an unknown layout, a skip off the page, or copies < 1.
    """
    stock = get_layout(layout)
    items = [labels] if isinstance(labels, LabelData) else list(labels)
    if not items:
        raise ValueError("no labels to render")
    if not 0 <= skip < stock.per_page:
        raise ValueError(f"skip must be between 0 and {stock.per_page - 1} on {stock.name}")
    if copies < 1:
        raise ValueError("copies must be at least 1")

    buffer = io.BytesIO()
    page_height = stock.page_height * MM
    pdf = canvas.Canvas(
        buffer,
        pagesize=(stock.page_width * MM, page_height),
        pageCompression=1,
        invariant=1,
    )
    pdf.setTitle("Reuse device labels")
    pdf.setCreator("Reuse")
    positions = _positions(stock, len(items) * copies, skip)
    current_page = 0
    for done, label in enumerate(items, 1):
        # Laid out once, drawn once per copy.
        artwork = compose(label, stock)
        qr_path = _qr_operators(artwork)
        for _ in range(copies):
            page, position = next(positions)
            if page != current_page:
                pdf.showPage()
                current_page = page
            x, y = stock.cell_origin(position)
            _draw(pdf, artwork, qr_path, x * MM, page_height - y * MM)
        if progress:
            progress(done)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
