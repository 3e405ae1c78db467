"""Labelling: what a device's label says, which devices a print takes, and the events it writes."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from reuse import codes
from reuse.errors import NotFound, PermissionDenied, ValidationFailed
from reuse.models import (
    Allocation,
    AllocationLine,
    AllocationStatus,
    DeviceEvent,
    DeviceStatus,
    ErasureMethod,
    ErasureRecord,
    Outcome,
)
from reuse.services import labelling, lifecycle
from tests.builders import (
    ADMIN,
    COORDINATOR,
    WAREHOUSE,
    make_collection,
    make_device,
    make_need,
    make_programme,
)
from tests.labels.scan import decode_pdf, decode_png

URL = "https://reuse.example.org"
FRENCH = labelling.Wording(
    categories={"desktop": "Unité centrale", "laptop": "Ordinateur portable"},
    gigabyte="Go",
    terabyte="To",
)


def allocate(session, device, programme_name: str) -> None:
    """Allocate a ready device to a need of a new programme by a confirmed allocation."""
    programme = make_programme(session, name=programme_name)
    need = make_need(session, programme_id=programme.id, category=device.category)
    allocation = Allocation(
        programme_id=programme.id,
        wave="1",
        status=AllocationStatus.CONFIRMED,
        decided_at=datetime.now(UTC),
    )
    session.add(allocation)
    session.flush()
    session.add(AllocationLine(allocation_id=allocation.id, need_id=need.id, device_id=device.id))
    lifecycle.apply(session, device, "allocated", ADMIN, allocation=allocation)


def printed_events(session, device_id: int | None = None) -> list[DeviceEvent]:
    query = select(DeviceEvent).where(DeviceEvent.kind == "label_printed")
    if device_id is not None:
        query = query.where(DeviceEvent.device_id == device_id)
    return list(session.scalars(query.order_by(DeviceEvent.id)))


def test_a_label_carries_the_grouped_code_the_public_url_and_the_specs(session):
    device = make_device(
        session,
        status=DeviceStatus.READY,
        category="desktop",
        manufacturer="Dell",
        model="OptiPlex 7060",
        cpu="i5-8500",
        ram_gb=8,
        storage_gb=256,
        storage_type="ssd",
    )
    label = labelling.label_data(device, public_url=URL + "/", wording=FRENCH)
    assert label.code == codes.display(device.code)
    assert label.url == f"{URL}/d/{device.code}"
    assert (label.category, label.manufacturer, label.model) == (
        "Unité centrale",
        "Dell",
        "OptiPlex 7060",
    )
    assert label.specs == "i5-8500 · 8 Go · SSD 256 Go"
    assert label.grade == "B"
    assert label.programme is None


@pytest.mark.parametrize(
    ("fields", "specs"),
    [
        (
            {"cpu": None, "ram_gb": 16, "storage_gb": 1000, "storage_type": "nvme"},
            "16 Go · NVMe 1 To",
        ),
        ({"cpu": " ", "ram_gb": None, "storage_gb": 2048, "storage_type": None}, "2 To"),
        ({"cpu": "i5-8350U", "ram_gb": 8, "storage_gb": None}, "i5-8350U · 8 Go"),
        (
            {
                "cpu": None,
                "ram_gb": 4,
                "storage_gb": 64,
                "storage_type": "emmc",
                "screen_inches": Decimal("13.3"),
            },
            '4 Go · eMMC 64 Go · 13.3"',
        ),
    ],
)
def test_the_specs_line_shows_what_is_known(session, fields, specs):
    device = make_device(session, category="laptop", **fields)
    assert labelling.specs_line(device, FRENCH) == specs


@pytest.mark.parametrize(
    ("cpu", "short"),
    [
        ("Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz", "i5-8500"),
        ("Intel Core i7-8650U vPro", "i7-8650U"),
        ("Intel® Core™ i3-10110U", "i3-10110U"),
        ("AMD Ryzen 5 PRO 3500U w/ Radeon Vega Mobile Gfx", "Ryzen 5 PRO 3500U"),
        ("Intel(R) Celeron(R) CPU N3060 @ 1.60GHz", "Celeron N3060"),
        ("Core 2 Duo E8400", "Core 2 Duo E8400"),
        ("Intel", "Intel"),
    ],
)
def test_a_processor_is_shortened_to_its_model(cpu, short):
    assert labelling.short_cpu(cpu) == short


def test_a_label_never_carries_the_donor_the_asset_tag_or_the_serial(session):
    device = make_device(
        session,
        asset_tag="TAG-SECRET-42",
        serial_number="SERIAL-SECRET-9",
        donor_organisation="Telco",
    )
    options = labelling.print_options("svg")
    printed = labelling.print_labels(
        session, WAREHOUSE, [device], options, public_url=URL, wording=FRENCH
    )
    text = printed.files[0].content.decode()
    for secret in ("TAG-SECRET-42", "SERIAL-SECRET-9", "Telco"):
        assert secret not in text


def test_an_allocated_device_shows_its_programme_and_a_returned_one_does_not(session):
    device = make_device(session, status=DeviceStatus.READY)
    allocate(session, device, "Ville de Lyon 2026")
    names = labelling.programme_names(session, [device])
    assert names == {device.id: "Ville de Lyon 2026"}
    lifecycle.apply(session, device, "unallocated", ADMIN)
    assert labelling.programme_names(session, [device]) == {}


def test_codes_are_read_in_any_accepted_form_in_the_order_given(session):
    first, second = make_device(session), make_device(session)
    typed = [f"{URL}/d/{second.code}", codes.display(first.code).lower(), second.code]
    assert labelling.devices_by_codes(session, typed) == [second, first]


def test_every_bad_code_is_named(session):
    device = make_device(session)
    wrong_check = device.code[:8] + ("B" if device.code[8] != "B" else "C")
    unknown = codes.display("BBBBBBBBB")
    with pytest.raises(ValidationFailed) as refused:
        labelling.devices_by_codes(session, [device.code, wrong_check, "BBBB-BBBB-B", "hello"])
    messages = refused.value.errors["codes"]
    assert any(codes.display(wrong_check) in message for message in messages)
    assert any("'hello'" in message for message in messages)
    assert f"no device has the code {unknown}" in messages
    assert len(messages) == 3


def test_a_collection_or_a_status_selects_devices_in_registration_order(session):
    collection = make_collection(session)
    ready = make_device(session, status=DeviceStatus.READY, collection_id=collection.id)
    received = make_device(session, status=DeviceStatus.RECEIVED, collection_id=collection.id)
    make_device(session, status=DeviceStatus.READY)
    found = labelling.devices_matching(session, collection_id=collection.id)
    assert found == [ready, received]
    found = labelling.devices_matching(session, collection_id=collection.id, status="ready")
    assert found == [ready]
    assert len(labelling.devices_matching(session, status="ready")) == 2


def test_an_empty_selection_is_refused_clearly(session):
    collection = make_collection(session)
    with pytest.raises(ValidationFailed, match=f"none in collection {collection.id}"):
        labelling.devices_matching(session, collection_id=collection.id)
    with pytest.raises(ValidationFailed, match="give codes, a collection or a status"):
        labelling.devices_matching(session)
    with pytest.raises(NotFound, match="no collection has the id 999999"):
        labelling.devices_matching(session, collection_id=999999)
    with pytest.raises(ValidationFailed, match="'lost' is not one of"):
        labelling.devices_matching(session, status="lost")


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"format": "zpl", "layout": "L7160"}, "layout", "ZPL prints on a roll"),
        ({"format": "pdf", "layout": "A4"}, "layout", "'A4' is not one of"),
        ({"format": "pdf", "skip": 21}, "skip", "between 0 and 20 on L7160"),
        ({"format": "pdf", "layout": "thermal-50x25", "skip": 1}, "skip", "one label a page"),
        ({"format": "png", "skip": 2}, "skip", "only applies to PDF sheets"),
        ({"format": "svg", "copies": 2}, "copies", "one file per label"),
        ({"format": "pdf", "copies": 0}, "copies", "between 1 and 100"),
        ({"format": "pdf", "dpi": 300}, "dpi", "only applies to PNG and ZPL"),
        ({"format": "zpl", "dpi": 600}, "dpi", "one of: 203, 300"),
    ],
)
def test_options_that_do_not_fit_together_are_refused_by_name(options, field, message):
    with pytest.raises(ValidationFailed) as refused:
        labelling.print_options(**options)
    assert message in " ".join(refused.value.errors[field])


def test_each_format_gets_its_default_stock_and_resolution():
    assert labelling.print_options("pdf") == labelling.PrintOptions("pdf", "L7160")
    assert labelling.print_options("zpl").dpi == 203
    assert labelling.print_options("png").dpi == 300
    assert labelling.print_options("svg").layout == "thermal-50x25"


def test_printing_records_one_event_per_device_with_format_layout_and_copies(session):
    devices = [make_device(session) for _ in range(3)]
    versions = [device.version for device in devices]
    options = labelling.print_options("pdf", "L7163", skip=2, copies=2)
    printed = labelling.print_labels(
        session, WAREHOUSE, devices, options, public_url=URL, wording=FRENCH
    )
    assert (printed.devices, printed.pages, len(printed.files)) == (3, 1, 1)
    pages = decode_pdf(printed.files[0].content)
    assert sorted(found.text for found in pages[0]) == sorted(
        [f"{URL}/d/{device.code}" for device in devices] * 2
    )
    events = printed_events(session)
    assert [event.device_id for event in events] == [device.id for device in devices]
    assert {(e.actor_name, e.from_status, e.to_status) for e in events} == {
        ("warehouse@test", DeviceStatus.COLLECTED, DeviceStatus.COLLECTED)
    }
    assert all(e.payload == {"format": "pdf", "layout": "L7163", "copies": 2} for e in events)
    assert [device.version for device in devices] == versions, "a print changes no device"


def test_png_and_svg_give_one_file_per_label_named_by_code(session):
    devices = [make_device(session) for _ in range(2)]
    png = labelling.print_labels(
        session, WAREHOUSE, devices, labelling.print_options("png"), public_url=URL, wording=FRENCH
    )
    assert [file.name for file in png.files] == [
        f"{codes.display(device.code)}.png" for device in devices
    ]
    assert [decode_png(file.content) for file in png.files] == [
        [f"{URL}/d/{device.code}"] for device in devices
    ]
    svg = labelling.print_labels(
        session, WAREHOUSE, devices, labelling.print_options("svg"), public_url=URL, wording=FRENCH
    )
    assert [file.name.removesuffix(".svg") for file in svg.files] == [
        codes.display(device.code) for device in devices
    ]


def test_a_coordinator_may_not_print_labels_and_nothing_is_recorded(session):
    device = make_device(session)
    with pytest.raises(PermissionDenied, match=r"labels\.print"):
        labelling.print_labels(
            session,
            COORDINATOR,
            [device],
            labelling.print_options("pdf"),
            public_url=URL,
            wording=FRENCH,
        )
    assert printed_events(session) == []


def _erasure(device, method: str, result: Outcome, day: int) -> ErasureRecord:
    return ErasureRecord(
        device_id=device.id,
        cycle=device.cycle,
        method=method,
        technique=None if method == "destroy" else "overwrite",
        result=result,
        operator="t",
        ended_at=datetime(2026, 11, day, 10, tzinfo=UTC),
    )


def test_the_public_view_reports_the_latest_passed_erasure_of_the_current_cycle(session):
    device = make_device(session, status=DeviceStatus.RECEIVED)
    assert labelling.public_device(session, device.code, FRENCH).erasure is None
    session.add_all(
        [
            _erasure(device, "purge", Outcome.PASSED, 20),
            _erasure(device, "clear", Outcome.PASSED, 18),
            _erasure(device, "destroy", Outcome.FAILED, 21),
        ]
    )
    session.flush()
    public = labelling.public_device(session, codes.display(device.code).lower(), FRENCH)
    assert public.code == device.code
    assert public.erasure == labelling.Erasure(date(2026, 11, 20), ErasureMethod.PURGE)
    device.cycle += 1
    assert labelling.public_device(session, device.code, FRENCH).erasure is None
