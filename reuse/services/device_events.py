"""One entry point for every change a person records on a device, by kind (the API's events)."""

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from reuse.errors import ValidationFailed
from reuse.models import Device
from reuse.services import intake, refurbishment
from reuse.services.actors import Actor


def _received(session, actor, device, expected_version, warehouse_id=None):
    if warehouse_id is None:
        raise ValidationFailed("say which warehouse received the device", field="warehouse_id")
    intake.receive_device(session, actor, device, warehouse_id, expected_version=expected_version)


def _erasure(session, actor, device, expected_version, method=None, result=None, **fields):
    refurbishment.record_erasure(
        session,
        device,
        actor,
        method=method,
        result=result,
        expected_version=expected_version,
        **fields,
    )


def _test(session, actor, device, expected_version, result=None, **fields):
    refurbishment.record_test(
        session, device, actor, result=result, expected_version=expected_version, **fields
    )


def _graded(session, actor, device, expected_version, grade=None):
    refurbishment.set_grade(session, device, actor, grade, expected_version=expected_version)


def _ready(session, actor, device, expected_version):
    refurbishment.mark_ready(session, device, actor, expected_version=expected_version)


def _recycled(session, actor, device, expected_version, reason=None):
    refurbishment.recycle(session, device, actor, reason, expected_version=expected_version)


def _returned(session, actor, device, expected_version, reason=None, warehouse_id=None):
    refurbishment.return_device(
        session,
        device,
        actor,
        reason,
        warehouse_id=warehouse_id,
        expected_version=expected_version,
    )


def _checklist(session, actor, device, expected_version, **steps):
    refurbishment.update_checklist(
        session, device, actor, expected_version=expected_version, **steps
    )


#: kind -> (the service that records it, the fields it takes)
KINDS: dict[str, tuple[Callable, frozenset[str]]] = {
    "received": (_received, frozenset({"warehouse_id"})),
    "erasure": (
        _erasure,
        frozenset(
            {
                "method",
                "result",
                "drive_serial",
                "drive_type",
                "capacity_gb",
                "technique",
                "tool",
                "tool_version",
                "certificate_ref",
                "started_at",
                "ended_at",
                "verification",
                "operator",
                "report_hash",
            }
        ),
    ),
    "test": (_test, frozenset({"result", "notes", "performed_at", "operator"})),
    "graded": (_graded, frozenset({"grade"})),
    "checklist": (
        _checklist,
        frozenset(
            {
                "uefi_reset",
                "tpm_cleared",
                "bios_password_removed",
                "donor_marks_removed",
                "os_installed",
            }
        ),
    ),
    "ready": (_ready, frozenset()),
    "recycled": (_recycled, frozenset({"reason"})),
    "returned": (_returned, frozenset({"reason", "warehouse_id"})),
}


def record(
    session: Session,
    actor: Actor,
    device: Device,
    kind: str,
    fields: dict[str, Any],
    *,
    expected_version: int | None = None,
) -> None:
    """Record a change of `kind` with its fields; fields another kind takes are refused."""
    if kind not in KINDS:
        raise ValidationFailed(f"'{kind}' is not one of: {', '.join(KINDS)}", field="kind")
    handler, accepted = KINDS[kind]
    extra = sorted(
        name for name, value in fields.items() if name not in accepted and value is not None
    )
    if extra:
        raise ValidationFailed({name: [f"not a field of a '{kind}' event"] for name in extra})
    handler(
        session,
        actor,
        device,
        expected_version,
        **{name: value for name, value in fields.items() if name in accepted},
    )
