"""`flask labels` as a person runs it: a file per format, scannable QR codes, events, refusals."""

import re

import pypdfium2
import pytest
from sqlalchemy import select

from labels import LAYOUTS
from reuse import codes
from reuse.extensions import db
from reuse.models import DeviceEvent, DeviceStatus
from tests.builders import make_collection, make_device
from tests.labels.scan import decode_pdf, decode_png
from tests.labels.test_pdf import placed

PUBLIC = "https://reuse.test"


def _devices(app, count: int, **overrides) -> tuple[int, list[str]]:
    """A collection of count devices: its id and their codes, committed."""
    with app.app_context():
        collection = make_collection(db.session)
        found = [
            make_device(db.session, collection_id=collection.id, **overrides).code
            for _ in range(count)
        ]
        db.session.commit()
        return collection.id, found


def _events(app) -> list[tuple[str, dict]]:
    with app.app_context():
        rows = db.session.scalars(
            select(DeviceEvent).where(DeviceEvent.kind == "label_printed").order_by(DeviceEvent.id)
        )
        return [(event.device.code, event.payload) for event in rows]


def _url(code: str) -> str:
    return f"{PUBLIC}/d/{code}"


def _page_count(path) -> int:
    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


def test_a_collection_of_22_prints_on_two_l7160_sheets_every_qr_scannable(app, runner, tmp_path):
    collection_id, printed = _devices(app, 22)
    out = tmp_path / "labels.pdf"
    result = runner.invoke(
        args=["labels", "--collection", collection_id, "--format", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 22 label(s) on 2 page(s) (PDF, L7160)" in result.output
    assert _page_count(out) == 2
    pages = decode_pdf(out.read_bytes())
    assert [len(page) for page in pages] == [21, 1]
    assert placed(LAYOUTS["L7160"], pages[0]) == {i: _url(c) for i, c in enumerate(printed[:21])}
    assert [found.text for found in pages[1]] == [_url(printed[21])]
    events = _events(app)
    assert [code for code, _ in events] == printed
    assert all(
        payload == {"format": "pdf", "layout": "L7160", "copies": 1} for _, payload in events
    )


def test_skip_and_copies_place_the_labels_on_a_part_used_sheet(app, runner, tmp_path):
    _, printed = _devices(app, 2)
    out = tmp_path / "labels.pdf"
    args = ["labels", *printed, "--format", "pdf", "--layout", "L7163", "--skip", "3"]
    result = runner.invoke(args=[*args, "--copies", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 label(s), 2 copies each on 1 page(s)" in result.output
    (page,) = decode_pdf(out.read_bytes())
    expected = [_url(printed[0])] * 2 + [_url(printed[1])] * 2
    assert placed(LAYOUTS["L7163"], page) == dict(enumerate(expected, start=3))
    assert [payload["copies"] for _, payload in _events(app)] == [2, 2]


def test_png_writes_one_scannable_file_per_label_into_a_new_folder(app, runner, tmp_path):
    _, printed = _devices(app, 2)
    folder = tmp_path / "png" / "batch"
    result = runner.invoke(
        args=["labels", *printed, "--format", "png", "--dpi", "203", "-o", str(folder)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(folder.iterdir())
    assert [path.name for path in files] == sorted(f"{codes.display(c)}.png" for c in printed)
    for code in printed:
        path = folder / f"{codes.display(code)}.png"
        assert f"wrote {path}" in result.output
        assert decode_png(path.read_bytes()) == [_url(code)]
    assert [payload for _, payload in _events(app)] == [
        {"format": "png", "layout": "thermal-50x25", "copies": 1}
    ] * 2


def test_svg_writes_one_vector_file_per_label(app, runner, tmp_path):
    _, printed = _devices(app, 1, manufacturer="Lenovo", model="ThinkPad T480")
    result = runner.invoke(args=["labels", printed[0], "--format", "svg", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / f"{codes.display(printed[0])}.svg").read_text()
    assert svg.startswith("<?xml") and "<image" not in svg
    assert f"<title>{codes.display(printed[0])}</title>" in svg
    assert "Portable" in svg and "ThinkPad T480" in svg


def test_the_language_option_prints_english_category_names_and_units(app, runner, tmp_path):
    _, printed = _devices(app, 1, ram_gb=8)
    args = ["labels", printed[0], "--format", "svg", "--language", "en", "-o", str(tmp_path)]
    assert runner.invoke(args=args).exit_code == 0
    svg = (tmp_path / f"{codes.display(printed[0])}.svg").read_text()
    assert "Laptop" in svg and "8 GB" in svg


@pytest.mark.parametrize(("dpi", "width", "height"), [("203", 400, 200), ("300", 591, 295)])
def test_zpl_holds_one_format_per_label_with_the_printer_drawing_the_qr(
    app, runner, tmp_path, dpi, width, height
):
    _, printed = _devices(app, 3)
    out = tmp_path / "labels.zpl"
    args = ["labels", *printed, "--format", "zpl", "--dpi", dpi, "--copies", "2", "-o", str(out)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    zpl = out.read_text(encoding="utf-8")
    formats = re.findall(r"\^XA\n(.*?)\^XZ\n", zpl, flags=re.DOTALL)
    assert len(formats) == 3 and zpl.count("^XA") == 3
    for code, body in zip(printed, formats, strict=True):
        assert body.startswith("^CI28\n")
        assert f"^PW{width}\n^LL{height}\n" in body
        assert re.search(rf"\^BQN,2,\d+\^FH_\^FDMA,{re.escape(_url(code))}\^FS", body)
        assert f"^FD{codes.display(code)}^FS" in body
        assert body.rstrip().endswith("^PQ2")
    assert {payload["layout"] for _, payload in _events(app)} == {"thermal-50x25"}


def test_a_status_selects_devices_across_collections(app, runner, tmp_path):
    _, ready = _devices(app, 2, status=DeviceStatus.READY)
    _devices(app, 1, status=DeviceStatus.RECEIVED)
    out = tmp_path / "ready.pdf"
    result = runner.invoke(args=["labels", "--status", "ready", "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(found.text for found in decode_pdf(out.read_bytes())[0]) == sorted(
        _url(code) for code in ready
    )


def test_a_bad_code_is_named_and_nothing_is_written(app, runner, tmp_path):
    _, printed = _devices(app, 1)
    wrong = printed[0][:8] + ("C" if printed[0][8] == "B" else "B")
    out = tmp_path / "labels.pdf"
    result = runner.invoke(args=["labels", printed[0], wrong, "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 1
    assert codes.display(wrong) in result.output
    assert not out.exists()
    assert _events(app) == []


def test_an_unknown_code_is_named(app, runner, tmp_path):
    result = runner.invoke(
        args=["labels", "BBBB-BBBB-B", "--format", "pdf", "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 1
    assert "no device has the code BBBB-BBBB-B" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "no device selected"),
        (["--format", "zpl", "--layout", "L7160"], "ZPL prints on a roll"),
        (["--format", "png", "--skip", "2"], "only applies to PDF sheets"),
        (["--format", "svg", "--copies", "3"], "one file per label"),
        (["--format", "pdf", "--dpi", "300"], "only applies to PNG and ZPL"),
        (["--format", "pdf", "--skip", "21"], "between 0 and 20 on L7160"),
    ],
)
def test_a_bad_combination_exits_1_with_a_clear_message(app, runner, tmp_path, args, message):
    result = runner.invoke(args=["labels", *args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert _events(app) == []


def test_codes_and_a_collection_together_are_refused(app, runner, tmp_path):
    collection_id, printed = _devices(app, 1)
    args = ["labels", printed[0], "--collection", collection_id, "--format", "pdf"]
    result = runner.invoke(args=[*args, "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "not both" in result.output


def test_an_empty_collection_is_refused(app, runner, tmp_path):
    with app.app_context():
        collection_id = make_collection(db.session).id
        db.session.commit()
    args = ["labels", "--collection", collection_id, "--format", "pdf"]
    result = runner.invoke(args=[*args, "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert f"no device selected: none in collection {collection_id}" in result.output


def test_the_output_must_suit_the_format(app, runner, tmp_path):
    _, printed = _devices(app, 1)
    result = runner.invoke(args=["labels", printed[0], "--format", "pdf", "-o", str(tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.output
    a_file = tmp_path / "taken"
    a_file.write_text("")
    result = runner.invoke(args=["labels", printed[0], "--format", "png", "-o", str(a_file)])
    assert result.exit_code == 1 and "is a file" in result.output
    assert _events(app) == []
