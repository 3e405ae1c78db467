"""Device labels: which devices, what each label says, the rendered file, and the printed events."""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import labels
from reuse import codes, permissions
from reuse.errors import InvalidCode, NotFound, ValidationFailed
from reuse.models import (
    Allocation,
    AllocationLine,
    AllocationStatus,
    Category,
    Collection,
    Device,
    DeviceStatus,
    ErasureMethod,
    ErasureRecord,
    Grade,
    Outcome,
    Programme,
)
from reuse.services import lifecycle
from reuse.services.actors import Actor
from reuse.services.devices import find as find_device
from reuse.services.validation import Checker

FORMATS = ("pdf", "png", "svg", "zpl")
#: The stock each format prints on unless told otherwise: sheets for PDF, a thermal roll otherwise.
DEFAULT_LAYOUT = {
    "pdf": "L7160",
    "png": "thermal-50x25",
    "svg": "thermal-50x25",
    "zpl": "thermal-50x25",
}
#: Resolutions for raster and printer formats: the Zebra heads we meet (8 and 12 dots a mm).
DPIS = (203, 300)
DEFAULT_DPI = {"png": 300, "zpl": 203}
#: A sheet request with more copies than this is a typing slip, not a print run.
MAX_COPIES = 100
_CHUNK = 5000

#: Statuses in which a device belongs to a programme through a confirmed allocation.
_IN_PROGRAMME = (DeviceStatus.ALLOCATED, DeviceStatus.DELIVERED)
_STORAGE_NAMES = {"hdd": "HDD", "ssd": "SSD", "nvme": "NVMe", "emmc": "eMMC"}
#: Categories whose screen size says what the device is.
_SCREENED = frozenset({Category.LAPTOP, Category.TABLET, Category.SMARTPHONE, Category.MONITOR})
#: Where an asset list's processor name stops saying which processor it is.
_CPU_CLOCK = re.compile(r"\s(?:@|w/|with)\s", re.IGNORECASE)
#: Brand marks and words every processor of a kind shares; the model number says it all.
_CPU_MARKS = re.compile(r"\((?:R|TM)\)|[®™]", re.IGNORECASE)
_CPU_NOISE = re.compile(r"\b(?:Intel|AMD|CPU|Processor|vPro)\b|\bCore\b(?=\s+i\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Wording:
    """The words a label prints, in the language the caller chose."""

    categories: Mapping[str, str]
    """Category value (desktop, laptop...) -> its name."""
    gigabyte: str
    terabyte: str


@dataclass(frozen=True)
class PrintOptions:
    """A checked combination of format, label stock, skip, copies and resolution."""

    format: str
    layout: str
    skip: int = 0
    copies: int = 1
    dpi: int | None = None

    @property
    def one_file_per_label(self) -> bool:
        """PNG and SVG hold one label each; PDF and ZPL hold them all."""
        return self.format in ("png", "svg")


@dataclass(frozen=True)
class LabelFile:
    """One rendered file: a name (from the device code for one-label files) and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Printed:
    """What a print produced: the files, the devices labelled and the pages (PDF only)."""

    files: list[LabelFile]
    devices: int
    pages: int | None


@dataclass(frozen=True)
class Erasure:
    """When and how (NIST SP 800-88 method) a device's data was last erased."""

    on: date
    method: ErasureMethod


@dataclass(frozen=True)
class PublicDevice:
    """What anyone scanning a label may read: no serial, asset tag, donor, nor who received it."""

    code: str
    category: Category
    manufacturer: str
    model: str
    specs: str
    grade: Grade | None
    programme: str | None
    erasure: Erasure | None


def print_options(
    format: str,
    layout: str | None = None,
    skip: int = 0,
    copies: int = 1,
    dpi: int | None = None,
) -> PrintOptions:
    """Check a print's options together and fill in the format's defaults.

    :raises ValidationFailed: naming each option that is wrong or does not fit the others.
    """
    check = Checker()
    if format not in FORMATS:
        check.add("format", f"'{format}' is not one of: {', '.join(FORMATS)}")
        check.raise_if_any()
    layout = layout or DEFAULT_LAYOUT[format]
    stock = labels.LAYOUTS.get(layout)
    if stock is None:
        check.add("layout", f"'{layout}' is not one of: {', '.join(labels.LAYOUTS)}")
    elif format == "zpl" and stock.per_page != 1:
        check.add("layout", f"ZPL prints on a roll of single labels, {layout} is a sheet")
    if skip and format != "pdf":
        check.add("skip", "skipping positions only applies to PDF sheets")
    elif stock is not None and not 0 <= skip < stock.per_page:
        if stock.per_page == 1:
            check.add("skip", f"{layout} has one label a page: there is no position to skip")
        else:
            check.add("skip", f"must be between 0 and {stock.per_page - 1} on {layout}")
    if copies != 1 and format in ("png", "svg"):
        check.add("copies", "PNG and SVG write one file per label: print copies from PDF or ZPL")
    elif not 1 <= copies <= MAX_COPIES:
        check.add("copies", f"must be between 1 and {MAX_COPIES}")
    if dpi is not None and format not in DEFAULT_DPI:
        check.add("dpi", "the resolution only applies to PNG and ZPL")
    elif dpi is not None and dpi not in DPIS:
        check.add("dpi", f"must be one of: {', '.join(map(str, DPIS))}")
    check.raise_if_any()
    return PrintOptions(format, layout, skip, copies, dpi or DEFAULT_DPI.get(format))


def devices_by_codes(session: Session, raw_codes: Iterable[str]) -> list[Device]:
    """The devices of these codes (any accepted form), in the order given, each once.

    :raises ValidationFailed: naming every code that is not valid or that no device has.
    """
    wanted: list[str] = []
    problems: list[str] = []
    for raw in raw_codes:
        try:
            code = codes.normalise(raw)
        except InvalidCode as error:
            problems.append(error.message)
            continue
        if code not in wanted:
            wanted.append(code)
    found: dict[str, Device] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found |= {d.code: d for d in session.scalars(select(Device).where(Device.code.in_(chunk)))}
    problems += [f"no device has the code {codes.display(c)}" for c in wanted if c not in found]
    if problems:
        raise ValidationFailed({"codes": problems})
    if not wanted:
        raise ValidationFailed("no device selected: give at least one code", field="codes")
    return [found[code] for code in wanted]


def devices_matching(
    session: Session, *, collection_id: int | None = None, status: str | None = None
) -> list[Device]:
    """The devices of a collection and/or in a status, in the order they were registered.

    :raises NotFound: for an unknown collection.
    :raises ValidationFailed: for an unknown status, no criterion, or no device matching.
    """
    check = Checker()
    status_value = check.choice("status", status, DeviceStatus)
    check.raise_if_any()
    if collection_id is None and status_value is None:
        raise ValidationFailed(
            "no device selected: give codes, a collection or a status", field="codes"
        )
    query = select(Device).order_by(Device.id)
    criteria = []
    if collection_id is not None:
        if session.get(Collection, collection_id) is None:
            raise NotFound(f"no collection has the id {collection_id}", field="collection")
        query = query.where(Device.collection_id == collection_id)
        criteria.append(f"in collection {collection_id}")
    if status_value is not None:
        query = query.where(Device.status == status_value)
        criteria.append(f"with status {status_value.value}")
    selected = list(session.scalars(query))
    if not selected:
        raise ValidationFailed(f"no device selected: none {' '.join(criteria)}", field="codes")
    return selected


def programme_names(session: Session, devices: Sequence[Device]) -> dict[int, str]:
    """Device id -> name of the programme its latest confirmed allocation gives it to.

    Only allocated and delivered devices belong to a programme: one that came back is in stock.
    """
    ids = [device.id for device in devices if device.status in _IN_PROGRAMME]
    names: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(AllocationLine.device_id, Programme.name)
            .join(Allocation, Allocation.id == AllocationLine.allocation_id)
            .join(Programme, Programme.id == Allocation.programme_id)
            .where(
                AllocationLine.device_id.in_(ids[start : start + _CHUNK]),
                Allocation.status == AllocationStatus.CONFIRMED,
            )
            .order_by(Allocation.decided_at, Allocation.id)
        )
        # Ascending order: the latest allocation of a device is written last and wins.
        names |= {device_id: name for device_id, name in rows}
    return names


def specs_line(device: Device, wording: Wording) -> str:
    """Key specs as printed: "i5-8500 · 8 Go · SSD 256 Go" (units in the caller's language)."""
    parts = []
    if device.cpu and short_cpu(device.cpu):
        parts.append(short_cpu(device.cpu))
    if device.ram_gb:
        parts.append(f"{device.ram_gb} {wording.gigabyte}")
    if device.storage_gb:
        size = _storage_size(device.storage_gb, wording)
        kind = _STORAGE_NAMES.get(str(device.storage_type or ""), "")
        parts.append(f"{kind} {size}".strip())
    if device.screen_inches and device.category in _SCREENED:
        parts.append(f'{_inches(device.screen_inches)}"')
    return " · ".join(parts)


def short_cpu(cpu: str) -> str:
    """The processor's model alone: "Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz" gives "i5-8500"."""
    text = _CPU_MARKS.sub("", _CPU_CLOCK.split(cpu, maxsplit=1)[0])
    text = _CPU_NOISE.sub(" ", text)
    return " ".join(text.split()) or cpu.strip()


def _storage_size(gigabytes: int, wording: Wording) -> str:
    for per_terabyte in (1000, 1024):
        if gigabytes >= per_terabyte and gigabytes % per_terabyte == 0:
            return f"{gigabytes // per_terabyte} {wording.terabyte}"
    return f"{gigabytes} {wording.gigabyte}"


def _inches(value: Decimal) -> str:
    return format(value.normalize(), "f")


def label_data(
    device: Device, *, public_url: str, wording: Wording, programme: str | None = None
) -> labels.LabelData:
    """What one device's label prints; the donor's name and asset tag never reach it."""
    category = getattr(device.category, "value", device.category)
    return labels.LabelData(
        code=codes.display(device.code),
        url=public_url_of(public_url, device.code),
        category=wording.categories.get(category, category),
        manufacturer=(device.manufacturer or "").strip(),
        model=(device.model or "").strip(),
        specs=specs_line(device, wording),
        grade=getattr(device.grade, "value", device.grade),
        programme=programme,
    )


def public_url_of(public_url: str, code: str) -> str:
    """The QR payload: the device's public page (DESIGN section 5)."""
    return f"{public_url.rstrip('/')}/d/{code}"


def print_labels(
    session: Session,
    actor: Actor,
    devices: Sequence[Device],
    options: PrintOptions,
    *,
    public_url: str,
    wording: Wording,
    most: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Printed:
    """Render the devices' labels and record one label_printed event per device; `most` caps
    how many labels one print may make (a web request must answer within seconds).

    :raises PermissionDenied: unless the actor may print labels.
    :raises ValidationFailed: for no device, or more labels than `most`.
    """
    permissions.require(actor, "labels.print")
    if not devices:
        raise ValidationFailed("no device selected", field="codes")
    wanted = len(devices) * options.copies
    if most is not None and wanted > most:
        raise ValidationFailed(
            f"{wanted} labels are more than one print here makes ({most}): print them by "
            "status or in smaller selections, or with the command flask labels",
            field="codes",
        )
    programmes = programme_names(session, devices)
    items = [
        label_data(d, public_url=public_url, wording=wording, programme=programmes.get(d.id))
        for d in devices
    ]
    try:
        files = _render(items, options, progress)
    except ValueError as error:  # print_options checks first; this is the renderer's last word
        raise ValidationFailed(str(error)) from error
    payload = {"format": options.format, "layout": options.layout, "copies": options.copies}
    lifecycle.note_many(session, devices, "label_printed", actor, payload)
    pages = None
    if options.format == "pdf":
        per_page = labels.LAYOUTS[options.layout].per_page
        pages = -(-(options.skip + len(items) * options.copies) // per_page)
    return Printed(files=files, devices=len(items), pages=pages)


def _render(
    items: list[labels.LabelData],
    options: PrintOptions,
    progress: Callable[[int], None] | None = None,
) -> list[LabelFile]:
    if options.format == "pdf":
        content = labels.render_pdf(
            items, options.layout, options.skip, options.copies, progress=progress
        )
        return [LabelFile("labels.pdf", content)]
    if options.format == "zpl":
        content = labels.render_zpl(items, options.dpi or 203, options.copies, options.layout)
        return [LabelFile("labels.zpl", content)]
    if options.format == "png":
        return [
            LabelFile(
                f"{item.code}.png", labels.render_png(item, options.dpi or 300, options.layout)
            )
            for item in items
        ]
    return [
        LabelFile(f"{item.code}.svg", labels.render_svg(item, options.layout)) for item in items
    ]


def public_device(session: Session, raw_code: str, wording: Wording) -> PublicDevice:
    """What the public page of the device in `raw_code` shows (the QR payload's page).

    :raises InvalidCode: when the input holds no valid code.
    :raises DeviceNotFound: when no device has it.
    """
    device = find_device(session, raw_code)
    done = func.coalesce(ErasureRecord.ended_at, ErasureRecord.recorded_at)
    erasure = session.scalars(
        select(ErasureRecord)
        .where(
            ErasureRecord.device_id == device.id,
            ErasureRecord.cycle == device.cycle,
            ErasureRecord.result == Outcome.PASSED,
        )
        .order_by(done.desc(), ErasureRecord.id.desc())
        .limit(1)
    ).first()
    return PublicDevice(
        code=device.code,
        category=device.category,
        manufacturer=(device.manufacturer or "").strip(),
        model=(device.model or "").strip(),
        specs=specs_line(device, wording),
        grade=device.grade,
        programme=programme_names(session, [device]).get(device.id),
        erasure=(
            Erasure((erasure.ended_at or erasure.recorded_at).date(), erasure.method)
            if erasure
            else None
        ),
    )
