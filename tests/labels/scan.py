"""Reading back what the renderers drew: QR codes from PNG and PDF pages, text boxes from PDF."""

import io
from dataclasses import dataclass

import pypdfium2
import zxingcpp
from PIL import Image

MM_PER_INCH = 25.4
MM_PER_POINT = MM_PER_INCH / 72


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres from the page's top-left corner."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def within(self, other: "Box", tolerance: float = 0.0) -> bool:
        return (
            self.left >= other.left - tolerance
            and self.top >= other.top - tolerance
            and self.right <= other.right + tolerance
            and self.bottom <= other.bottom + tolerance
        )


@dataclass(frozen=True)
class FoundQr:
    """A decoded QR code and the box of its symbol (quiet zone excluded)."""

    text: str
    box: Box


def decode_image(image: Image.Image, dpi: float) -> list[FoundQr]:
    """Every QR code zxing-cpp finds in an image rendered at dpi."""
    found = []
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        corners = result.position
        points = [corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right]
        xs = [point.x * MM_PER_INCH / dpi for point in points]
        ys = [point.y * MM_PER_INCH / dpi for point in points]
        found.append(FoundQr(result.text, Box(min(xs), min(ys), max(xs), max(ys))))
    return found


def decode_png(data: bytes) -> list[str]:
    """Texts of the QR codes in a PNG."""
    with Image.open(io.BytesIO(data)) as image:
        return [found.text for found in decode_image(image.convert("L"), 72)]


def rasterise_pdf(data: bytes, dpi: float = 150) -> list[Image.Image]:
    """Every page of a PDF as a greyscale image at dpi."""
    document = pypdfium2.PdfDocument(data)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            images.append(bitmap.to_pil().convert("L"))
            bitmap.close()
            page.close()
    finally:
        document.close()
    return images


def decode_pdf(data: bytes, dpi: float = 150) -> list[list[FoundQr]]:
    """The QR codes found on each page of a PDF, page by page."""
    return [decode_image(image, dpi) for image in rasterise_pdf(data, dpi)]


def pdf_page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Width and height of every page, in millimetres."""
    document = pypdfium2.PdfDocument(data)
    try:
        sizes = []
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            sizes.append((width * MM_PER_POINT, height * MM_PER_POINT))
            page.close()
        return sizes
    finally:
        document.close()


def pdf_text(data: bytes, page_index: int = 0) -> tuple[str, list[Box]]:
    """The text of a page and the tight box of each non-blank character on it."""
    document = pypdfium2.PdfDocument(data)
    try:
        page = document[page_index]
        _, page_height = page.get_size()
        text_page = page.get_textpage()
        text = text_page.get_text_range()
        boxes = []
        for index in range(text_page.count_chars()):
            left, bottom, right, top = text_page.get_charbox(index)
            if right - left > 0 and top - bottom > 0:
                boxes.append(
                    Box(
                        left * MM_PER_POINT,
                        (page_height - top) * MM_PER_POINT,
                        right * MM_PER_POINT,
                        (page_height - bottom) * MM_PER_POINT,
                    )
                )
        text_page.close()
        page.close()
        return text, boxes
    finally:
        document.close()
