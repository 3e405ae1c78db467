"""Fitting a line of text: shrink to a minimum size, then cut with an ellipsis."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labels.text import ELLIPSIS, Face, fit_text, pdf_font, text_width


def test_short_text_keeps_the_largest_size():
    fitted = fit_text("Dell", Face.BODY, width=100, max_size=10, min_size=5)
    assert fitted.size == 10
    assert fitted.text == "Dell"


def test_longer_text_shrinks_to_fill_the_width_exactly():
    text = "Dell OptiPlex 7050 SFF"
    fitted = fit_text(text, Face.BODY, width=60, max_size=10, min_size=4)
    assert 4 < fitted.size < 10
    assert fitted.width == pytest.approx(60)
    assert fitted.text == text


def test_text_too_long_at_the_minimum_size_is_cut_with_an_ellipsis():
    text = "X" * 60
    fitted = fit_text(text, Face.BODY, width=50, max_size=10, min_size=5)
    assert fitted.size == 5
    assert fitted.text.endswith(ELLIPSIS)
    assert fitted.width <= 50
    assert text_width(fitted.text, Face.BODY, 5) == pytest.approx(fitted.width)
    # As long as possible: one more character would not fit.
    longer = text[: len(fitted.text)] + ELLIPSIS
    assert text_width(longer, Face.BODY, 5) > 50


def test_the_kept_suffix_survives_a_cut():
    fitted = fit_text("i5-7500 · 16 Go · SSD 512 Go NVMe", Face.BODY, 60, 8, 5, keep=" · Grade B")
    assert fitted.text.endswith(f"{ELLIPSIS} · Grade B")
    assert fitted.width <= 60


def test_nothing_is_printed_when_not_even_an_ellipsis_fits():
    fitted = fit_text("Dell", Face.BODY, width=0.5, max_size=10, min_size=5)
    assert fitted.text == ""


def test_bundled_fonts_are_used_for_pdf():
    assert pdf_font(Face.CODE).startswith("Reuse-DejaVu")
    assert pdf_font(Face.BODY).startswith("Reuse-DejaVu")


def test_a_missing_font_file_falls_back_to_a_standard_pdf_font(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr("labels.text.FONT_DIR", tmp_path)
    register_uncached = pdf_font.__wrapped__
    assert register_uncached(Face.BODY) == "Helvetica"
    assert register_uncached(Face.CODE) == "Courier-Bold"
    assert "cannot load" in caplog.text


@given(
    text=st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=90),
    keep=st.sampled_from(["", " · Grade A"]),
    width=st.floats(min_value=1, max_value=300),
    max_size=st.floats(min_value=4, max_value=24),
)
def test_a_fitted_line_never_overflows_its_box(text, keep, width, max_size):
    """Whatever the text and the box, the printed line is never wider than the box, its size
    never exceeds the largest allowed, and a line is only cut once it is at the smallest size."""
    min_size = 5.0
    fitted = fit_text(text, Face.BODY, width, max_size, min_size, keep=keep)
    assert fitted.width <= width + 1e-9
    assert fitted.size <= max_size
    assert text_width(fitted.text, Face.BODY, fitted.size) == pytest.approx(fitted.width)
    if fitted.text != text + keep:
        assert fitted.size == min(min_size, max_size)
