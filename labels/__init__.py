"""Device labels as PNG, SVG, PDF sheets and ZPL: plain label data in, bytes out."""

from labels.data import LabelData
from labels.layouts import LAYOUTS, Layout
from labels.pdf import render_pdf
from labels.raster import render_png
from labels.svg import render_svg
from labels.zpl import render_zpl

__all__ = [
    "LAYOUTS",
    "LabelData",
    "Layout",
    "render_pdf",
    "render_png",
    "render_svg",
    "render_zpl",
]
