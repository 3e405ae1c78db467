"""Label sheet benchmark: a 1,000-label L7160 PDF against computing its QR matrices alone.

Prints the PDF's time and size, the time qrcode takes for the same matrices (default mask
selection), their ratio, and as peers segno's matrices and reportlab's own QR widget drawing the
same sheet. Numbers only, no pass/fail. Usage: python -m bench labels [--count N] [--repeat N]
[--out FILE].
"""

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import qrcode
import segno
from qrcode.constants import ERROR_CORRECT_M
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen import canvas

from labels import LAYOUTS, LabelData, render_pdf
from labels.artwork import compose
from labels.layouts import MM
from labels.qr import QUIET_ZONE, QrSymbol, qr_size
from labels.text import pdf_font

ALPHABET = "BCDEFGHJKNPRSTVX"
MODELS = [
    ("Unité centrale", "Dell", "OptiPlex 7050 SFF", "i5-7500 · 8 Go · SSD 256 Go"),
    ("Portable", "Lenovo", "ThinkPad T480", "i5-8250U · 16 Go · SSD 512 Go · 14 pouces"),
    ("Écran", "HP", "EliteDisplay E243", "24 pouces · 1920 x 1080 · DisplayPort"),
    ("Unité centrale", "HP", "EliteDesk 800 G4 Mini", "i5-8500T · 8 Go · SSD 256 Go"),
]


def sample_labels(count: int, seed: int = 2026) -> list[LabelData]:
    """count labels with distinct random codes and URLs, models cycling through a short list."""
    rng = random.Random(seed)
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(rng.choice(ALPHABET) for _ in range(9)))
    labels = []
    for index, code in enumerate(sorted(codes)):
        category, manufacturer, model, specs = MODELS[index % len(MODELS)]
        labels.append(
            LabelData(
                code=f"{code[:4]}-{code[4:8]}-{code[8]}",
                url=f"https://reuse.example.org/d/{code}",
                category=category,
                manufacturer=manufacturer,
                model=model,
                specs=specs,
                grade="ABC"[index % 3],
                programme="Ville de Lyon 2026" if index % 2 else None,
            )
        )
    return labels


def qrcode_matrices(urls: list[str]) -> None:
    """The matrices alone, as qrcode makes them by default (version fit, best of 8 masks)."""
    for url in urls:
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        code.add_data(url)
        code.make(fit=True)


def segno_matrices(urls: list[str]) -> None:
    """The same matrices with segno (level M kept, as ours)."""
    for url in urls:
        segno.make_qr(url, error="m", boost_error=False)


def reportlab_widget_sheet(labels: list[LabelData]) -> bytes:
    """The same L7160 sheet with reportlab's QR widget for the symbols and the same text."""
    stock = LAYOUTS["L7160"]
    buffer = io.BytesIO()
    page_height = stock.page_height * MM
    pdf = canvas.Canvas(
        buffer, pagesize=(stock.page_width * MM, page_height), pageCompression=1, invariant=1
    )
    for index, label in enumerate(labels):
        position = index % stock.per_page
        if index and not position:
            pdf.showPage()
        # Layout only: the symbol's size comes from a version fit, not from drawing a matrix.
        symbol = QrSymbol(payload=label.url, size=qr_size(label.url), runs=())
        artwork = compose(label, stock, qr=symbol)
        x, y = stock.cell_origin(position)
        left, top = x * MM, page_height - y * MM
        box = artwork.module * symbol.side
        widget = QrCodeWidget(label.url, barLevel="M", barBorder=QUIET_ZONE)
        widget.barWidth = widget.barHeight = box
        drawing = Drawing(box, box)
        drawing.add(widget)
        renderPDF.draw(drawing, pdf, left + artwork.qr_x, top - artwork.qr_y - box)
        for line in artwork.lines:
            pdf.setFont(pdf_font(line.face), line.size)
            pdf.drawString(left + line.x, top - line.baseline, line.text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def timed(function: Callable[[], object]) -> tuple[float, object]:
    """Seconds a call takes, and what it returned."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main(argv: list[str]) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m bench labels", description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="labels on the sheets")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure")
    parser.add_argument("--out", type=Path, help="also write the PDF to this file")
    parser.add_argument("--no-peers", action="store_true", help="skip segno and reportlab's QR")
    args = parser.parse_args(argv)

    labels = sample_labels(args.count)
    urls = [label.url for label in labels]
    # Font loading happens once per process; warm it up so the runs compare steady states.
    render_pdf(labels[:1])

    runs: dict[str, list[float]] = {"pdf": [], "matrices": [], "segno": [], "widget": []}
    pdf = widget_pdf = b""
    for _ in range(args.repeat):
        # Interleaved, so a noisy neighbour on a shared machine hits every figure alike.
        elapsed, pdf = timed(lambda: render_pdf(labels, layout="L7160"))
        runs["pdf"].append(elapsed)
        runs["matrices"].append(timed(lambda: qrcode_matrices(urls))[0])
        if not args.no_peers:
            runs["segno"].append(timed(lambda: segno_matrices(urls))[0])
            elapsed, widget_pdf = timed(lambda: reportlab_widget_sheet(labels))
            runs["widget"].append(elapsed)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(pdf)

    best = {name: min(times) for name, times in runs.items() if times}
    median = {name: statistics.median(times) for name, times in runs.items() if times}

    def row(title: str, name: str, extra: str = "") -> None:
        print(f"  {title:<28}{best[name]:8.3f} s {median[name]:8.3f} s{extra}")

    pages = -(-args.count // LAYOUTS["L7160"].per_page)
    print(f"{args.count} labels on L7160 ({pages} pages), {args.repeat} runs each")
    print(f"  {'':<28}{'fastest':>10} {'median':>10}")
    row("labels PDF", "pdf", f"   {len(pdf) / 1e6:.3f} MB")
    row("qrcode matrices alone", "matrices")
    print(
        f"  {'ratio PDF / matrices':<28}{best['pdf'] / best['matrices']:10.3f}"
        f" {median['pdf'] / median['matrices']:10.3f}"
    )
    if not args.no_peers:
        print("peers")
        row("segno matrices", "segno", f"   {best['segno'] / best['matrices']:.3f} x qrcode")
        row(
            "reportlab QR widget sheet",
            "widget",
            f"   {len(widget_pdf) / 1e6:.3f} MB, {best['widget'] / best['pdf']:.3f} x ours",
        )
    return 0
