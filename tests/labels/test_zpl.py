"""ZPL for Zebra printers: one format per label, QR with the URL, everything inside the label."""

import re

import pytest

from labels import render_zpl
from labels.qr import QUIET_ZONE, qr_size
from tests.labels.samples import make_label, make_labels

FIELD = re.compile(r"\^FO(\d+),(\d+)\^A0N,(\d+),(\d+)\^FB(\d+),1,0,L,0\^FH_\^FD(.*?)\^FS")
QR = re.compile(r"\^FO(\d+),(\d+)\^BQN,2,(\d+)\^FH_\^FDMA,(.*?)\^FS")


def formats(data: bytes) -> list[str]:
    return re.findall(r"\^XA.*?\^XZ", data.decode("utf-8"), flags=re.S)


def test_each_label_is_one_format_starting_with_utf8():
    labels = make_labels(3)
    data = render_zpl(labels)
    text = data.decode("utf-8")
    assert text.count("^XA") == text.count("^XZ") == 3
    for label, zpl in zip(labels, formats(data), strict=True):
        assert zpl.split()[:2] == ["^XA", "^CI28"]
        assert QR.search(zpl).group(4) == label.url


@pytest.mark.parametrize(
    ("dpi", "size"), [(203, (400, 200)), (300, (591, 295)), (600, (1181, 591))]
)
def test_every_field_lies_inside_the_label_in_dots(dpi, size):
    label = make_label(model="OptiPlex 7050 Small Form Factor with an extraordinarily long name")
    (zpl,) = formats(render_zpl(label, dpi=dpi))
    width, height = size
    assert f"^PW{width}" in zpl and f"^LL{height}" in zpl
    x, y, magnification, _ = QR.search(zpl).groups()
    side = qr_size(label.url) * int(magnification)
    quiet = QUIET_ZONE * int(magnification)
    assert int(x) - quiet >= 0 and int(y) - quiet >= 0
    assert int(x) + side + quiet <= width and int(y) + side + quiet <= height
    fields = FIELD.findall(zpl)
    assert len(fields) == 5
    for fx, fy, font_height, _, block_width, _ in fields:
        assert int(fx) >= int(x) + side + quiet
        assert int(fx) + int(block_width) <= width
        assert int(fy) >= 0 and int(fy) + int(font_height) <= height


def test_a_long_model_name_is_cut_with_an_ellipsis():
    label = make_label(model="X" * 60)
    (zpl,) = formats(render_zpl(label))
    model_line = next(text for *_, text in FIELD.findall(zpl) if text.startswith("Dell"))
    assert model_line.endswith("…")


def test_french_accents_travel_as_utf8():
    data = render_zpl(make_label(model="Écran Ultra-Sharp Ü", category="Unité centrale"))
    assert "Écran Ultra-Sharp Ü".encode() in data
    assert "Unité centrale".encode() in data


def test_characters_zpl_reads_as_commands_are_hex_escaped():
    (zpl,) = formats(render_zpl(make_label(model="A^B~C_D")))
    assert "A_5EB_7EC_5FD" in zpl
    assert "A^B" not in zpl


def test_copies_print_as_a_quantity():
    assert "^PQ3" in render_zpl(make_label(), copies=3).decode()
    assert "^PQ" not in render_zpl(make_label()).decode()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"dpi": 150}, "dpi"), ({"layout": "L7160"}, "sheet"), ({"copies": 0}, "copies")],
)
def test_render_zpl_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        render_zpl(make_label(), **kwargs)
