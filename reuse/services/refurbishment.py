"""Refurbishment records: erasure per drive, preparation checklist, tests, grade, and ready."""

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reuse.errors import ValidationFailed
from reuse.models import (
    Device,
    ErasureMethod,
    ErasureRecord,
    ErasureTechnique,
    Grade,
    Outcome,
    PreparationChecklist,
    StorageType,
    TestRecord,
)
from reuse.models.base import utcnow
from reuse.services import lifecycle
from reuse.services.actors import Actor
from reuse.services.validation import Checker


def record_erasure(
    session: Session,
    device: Device,
    actor: Actor,
    *,
    method: str,
    result: str,
    expected_version: int | None = None,
    drive_serial: str | None = None,
    drive_type: str | None = None,
    capacity_gb: int | None = None,
    technique: str | None = None,
    tool: str | None = None,
    tool_version: str | None = None,
    certificate_ref: str | None = None,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    verification: str | None = None,
    operator: str | None = None,
    report_hash: str | None = None,
) -> ErasureRecord:
    """Record the sanitisation of one drive (NIST SP 800-88 method and result)."""
    check = Checker()
    method_value = check.choice("method", method, ErasureMethod, required=True)
    result_value = check.choice("result", result, Outcome, required=True)
    check.choice("technique", technique, ErasureTechnique)
    check.choice("drive_type", drive_type, StorageType)
    check.non_negative("capacity_gb", capacity_gb)
    if started_at and ended_at and ended_at < started_at:
        check.add("ended_at", "the erasure cannot end before it started")
    if (
        method_value not in (None, ErasureMethod.NO_STORAGE)
        and technique is None
        and (method_value != ErasureMethod.DESTROY)
    ):
        check.add("technique", "say how the drive was cleared or purged")
    check.raise_if_any()
    record = ErasureRecord(
        device_id=device.id,
        cycle=device.cycle,
        method=method_value,
        result=result_value,
        drive_serial=drive_serial or None,
        drive_type=drive_type or None,
        capacity_gb=capacity_gb,
        technique=technique or None,
        tool=tool or None,
        tool_version=tool_version or None,
        certificate_ref=certificate_ref or None,
        started_at=started_at,
        ended_at=ended_at,
        verification=verification or None,
        operator=operator or actor.name,
        report_hash=report_hash or None,
    )
    lifecycle.record(
        session,
        device,
        "erasure",
        actor,
        expected_version=expected_version,
        payload={
            "method": method_value.value,
            "result": result_value.value,
            "drive_serial": drive_serial,
            "certificate_ref": certificate_ref,
        },
    )
    session.add(record)
    return record


def record_test(
    session: Session,
    device: Device,
    actor: Actor,
    *,
    result: str,
    notes: str | None = None,
    performed_at: datetime | None = None,
    operator: str | None = None,
    expected_version: int | None = None,
) -> TestRecord:
    """Record a functional test and its outcome."""
    check = Checker()
    result_value = check.choice("result", result, Outcome, required=True)
    check.raise_if_any()
    record = TestRecord(
        device_id=device.id,
        cycle=device.cycle,
        result=result_value,
        notes=notes or None,
        performed_at=performed_at or utcnow(),
        operator=operator or actor.name,
    )
    lifecycle.record(
        session,
        device,
        "test",
        actor,
        expected_version=expected_version,
        payload={"result": result_value.value, "notes": notes},
    )
    session.add(record)
    return record


def set_grade(
    session: Session,
    device: Device,
    actor: Actor,
    grade: str,
    *,
    expected_version: int | None = None,
) -> None:
    """Grade a working device A, B or C (one that does not work is recycled instead)."""
    check = Checker()
    grade_value = check.choice("grade", grade, Grade, required=True)
    check.raise_if_any()
    previous = device.grade.value if device.grade else None
    device.grade = grade_value
    lifecycle.record(
        session,
        device,
        "graded",
        actor,
        expected_version=expected_version,
        payload={"grade": grade_value.value, "previous": previous},
    )


CHECKLIST_FIELDS = ("uefi_reset", "tpm_cleared", "bios_password_removed", "donor_marks_removed")


def update_checklist(
    session: Session,
    device: Device,
    actor: Actor,
    *,
    expected_version: int | None = None,
    **steps: Any,
) -> PreparationChecklist:
    """Tick preparation steps (ANSSI 2023) and record the operating system installed."""
    unknown = set(steps) - {*CHECKLIST_FIELDS, "os_installed"}
    if unknown:
        raise ValidationFailed({name: ["unknown checklist step"] for name in sorted(unknown)})
    checklist = session.get(PreparationChecklist, device.id) or PreparationChecklist(
        device_id=device.id
    )
    for name in CHECKLIST_FIELDS:
        if name in steps:
            setattr(checklist, name, bool(steps[name]))
    if "os_installed" in steps:
        checklist.os_installed = steps["os_installed"] or None
        device.os = checklist.os_installed or device.os
    session.add(checklist)
    lifecycle.record(
        session,
        device,
        "checklist",
        actor,
        expected_version=expected_version,
        payload={name: value for name, value in steps.items()},
    )
    return checklist


def mark_ready(
    session: Session, device: Device, actor: Actor, *, expected_version: int | None = None
) -> None:
    """Declare a refurbished device ready to be allocated, if its records allow it."""
    lifecycle.apply(session, device, "ready", actor, expected_version=expected_version)


def recycle(
    session: Session,
    device: Device,
    actor: Actor,
    reason: str,
    *,
    expected_version: int | None = None,
) -> None:
    """Send a device to recycling, with the reason why it cannot be reused."""
    if not (reason or "").strip():
        raise ValidationFailed("say why the device cannot be reused", field="reason")
    lifecycle.apply(
        session,
        device,
        "recycled",
        actor,
        expected_version=expected_version,
        payload={"reason": (reason or "").strip()},
        reason=reason,
    )


def return_device(
    session: Session,
    device: Device,
    actor: Actor,
    reason: str | None = None,
    *,
    warehouse_id: int | None = None,
    expected_version: int | None = None,
) -> None:
    """Take back a delivered device: it is received again and must be erased and tested anew."""
    if warehouse_id is not None:
        device.warehouse_id = warehouse_id
    lifecycle.apply(
        session,
        device,
        "returned",
        actor,
        expected_version=expected_version,
        payload={"reason": reason, "warehouse_id": warehouse_id},
    )
