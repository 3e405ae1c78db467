"""Programmes, associations and their needs, with the coordinator's review of each need."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reuse import legal_ids, permissions
from reuse.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from reuse.models import (
    Association,
    Category,
    Grade,
    Need,
    NeedStatus,
    Programme,
    Role,
)
from reuse.models.base import utcnow
from reuse.services import persistence
from reuse.services.actors import Actor
from reuse.services.validation import Checker


def create_programme(
    session: Session,
    actor: Actor,
    *,
    name: str,
    partner: str,
    territory: str,
    starts_on: date,
    ends_on: date | None = None,
    target_devices: int = 0,
) -> Programme:
    """Open a donation programme under a partnership."""
    permissions.require(actor, "programmes.write")
    check = Checker()
    name = check.required("name", name)
    partner = check.required("partner", partner)
    territory = check.required("territory", territory)
    check.required("starts_on", starts_on)
    check.non_negative("target_devices", target_devices)
    if starts_on and ends_on and ends_on < starts_on:
        check.add("ends_on", "the programme cannot end before it starts")
    check.raise_if_any()
    if session.scalar(select(Programme.id).where(Programme.name == name)):
        raise Conflict(f"a programme named '{name}' already exists", field="name")
    programme = Programme(
        name=name,
        partner=partner,
        territory=territory,
        starts_on=starts_on,
        ends_on=ends_on,
        target_devices=target_devices,
    )
    session.add(programme)
    persistence.flush(session, what="programme")
    return programme


ASSOCIATION_FIELDS = (
    "name",
    "city",
    "legal_id",
    "legal_id_missing_reason",
    "address",
    "postcode",
    "contact_name",
    "contact_email",
    "contact_phone",
    "focus_areas",
    "active",
)


def _association_values(session: Session, values: dict, *, current: Association | None) -> dict:
    """Check an association's fields, all errors at once; the normalised values."""
    check = Checker()
    for name in sorted(set(values) - set(ASSOCIATION_FIELDS)):
        check.add(name, "unknown field")
    clean = {
        name: (value.strip() or None) if isinstance(value, str) else value
        for name, value in values.items()
        if name in ASSOCIATION_FIELDS
    }
    for name in ("name", "city"):
        if current is None or name in clean:
            check.required(name, clean.get(name))
    legal_id = clean.get("legal_id", current.legal_id if current else None)
    reason = clean.get(
        "legal_id_missing_reason", current.legal_id_missing_reason if current else None
    )
    if legal_id:
        try:
            clean["legal_id"] = legal_ids.normalise(legal_id)
            clean["legal_id_missing_reason"] = None
        except ValueError as error:
            check.add("legal_id", str(error))
    elif not reason:
        check.add(
            "legal_id",
            "give the RNA number or SIRET, or say why there is none "
            "(e.g. an Alsace-Moselle association)",
        )
    postcode = clean.get("postcode")
    if postcode and not (postcode.isdigit() and len(postcode) == 5):
        check.add("postcode", f"'{postcode}' is not a French postcode (5 digits)")
    email = clean.get("contact_email")
    if email and "@" not in email:
        check.add("contact_email", f"'{email}' is not an email address")
    if "focus_areas" in clean:
        clean["focus_areas"] = sorted({a.strip() for a in clean["focus_areas"] or [] if a.strip()})
    check.raise_if_any()
    new_id = clean.get("legal_id")
    if new_id and (current is None or new_id != current.legal_id):
        holder = session.scalar(select(Association.name).where(Association.legal_id == new_id))
        if holder:
            raise Conflict(f"legal id {new_id} is already registered ({holder})", field="legal_id")
    return clean


def create_association(session: Session, actor: Actor, **values) -> Association:
    """Register an association; its legal id is an RNA number or a SIRET, or a reason why none."""
    permissions.require(actor, "associations.write")
    association = Association(**_association_values(session, values, current=None))
    session.add(association)
    persistence.flush(session, what="association")
    return association


def update_association(
    session: Session, actor: Actor, association: Association, **changes
) -> Association:
    """Correct an association's details; the same checks as at registration."""
    permissions.require(actor, "associations.write")
    for name, value in _association_values(session, changes, current=association).items():
        setattr(association, name, value)
    persistence.flush(session, what="association")
    return association


def update_programme(session: Session, actor: Actor, programme: Programme, **changes) -> Programme:
    """Correct a programme's partner, territory, dates or target."""
    permissions.require(actor, "programmes.write")
    check = Checker()
    allowed = {"name", "partner", "territory", "starts_on", "ends_on", "target_devices"}
    for name in sorted(set(changes) - allowed):
        check.add(name, "unknown field")
    for name in ("name", "partner", "territory", "starts_on"):
        if name in changes:
            changes[name] = check.required(name, changes[name])
    if "target_devices" in changes:
        check.non_negative("target_devices", changes["target_devices"])
    starts = changes.get("starts_on", programme.starts_on)
    ends = changes.get("ends_on", programme.ends_on)
    if starts and ends and ends < starts:
        check.add("ends_on", "the programme cannot end before it starts")
    check.raise_if_any()
    if changes.get("name") and session.scalar(
        select(Programme.id).where(Programme.name == changes["name"], Programme.id != programme.id)
    ):
        raise Conflict(f"a programme named '{changes['name']}' already exists", field="name")
    for name, value in changes.items():
        setattr(programme, name, value)
    persistence.flush(session, what="programme")
    return programme


def submit_need(
    session: Session,
    actor: Actor,
    *,
    programme_id: int,
    association_id: int,
    category: str,
    quantity_min: int,
    quantity_max: int,
    min_ram_gb: int | None = None,
    min_storage_gb: int | None = None,
    min_grade: str | None = None,
    needs_kit: bool = False,
    priority: int = 3,
    justification: str | None = None,
) -> Need:
    """Submit a need; an association submits only its own, a coordinator for any association."""
    permissions.require(actor, "needs.write")
    if actor.role == Role.ASSOCIATION and actor.association_id != association_id:
        raise PermissionDenied("an association submits needs for itself only")
    if programme_id is None or session.get(Programme, programme_id) is None:
        raise NotFound(f"no programme with id {programme_id}", field="programme_id")
    association = session.get(Association, association_id) if association_id is not None else None
    if association is None:
        raise NotFound(f"no association with id {association_id}", field="association_id")
    check = Checker()
    category_value = check.choice("category", category, Category, required=True)
    grade_value = check.choice("min_grade", min_grade, Grade)
    for name, value in (
        ("quantity_min", quantity_min),
        ("quantity_max", quantity_max),
        ("min_ram_gb", min_ram_gb),
        ("min_storage_gb", min_storage_gb),
    ):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            check.add(name, f"'{value}' is not a whole number")
        else:
            check.non_negative(name, value)
    if isinstance(quantity_min, int) and isinstance(quantity_max, int):
        if quantity_max < quantity_min:
            check.add("quantity_max", "the maximum cannot be below the minimum")
        elif quantity_max == 0:
            check.add("quantity_max", "ask for at least one device")
    if not isinstance(priority, int) or not 1 <= priority <= 5:
        check.add("priority", "priority runs from 1 (most urgent) to 5")
    check.raise_if_any()
    if not association.active:
        raise Conflict(f"association '{association.name}' is inactive", field="association_id")
    need = Need(
        programme_id=programme_id,
        association_id=association_id,
        category=category_value,
        quantity_min=quantity_min,
        quantity_max=quantity_max,
        min_ram_gb=min_ram_gb,
        min_storage_gb=min_storage_gb,
        min_grade=grade_value,
        needs_kit=bool(needs_kit),
        priority=priority,
        justification=justification or None,
        status=NeedStatus.SUBMITTED,
    )
    session.add(need)
    persistence.flush(session, what="need")
    return need


def review_need(
    session: Session,
    actor: Actor,
    need: Need,
    *,
    approve: bool,
    note: str | None = None,
) -> Need:
    """Approve or reject a submitted need; only approved needs are allocated."""
    permissions.require(actor, "needs.review")
    if need.status != NeedStatus.SUBMITTED:
        raise InvalidTransition(
            f"need {need.id} was already {need.status.value}: only a submitted need is reviewed",
            field="status",
        )
    if not approve and not (note or "").strip():
        raise ValidationFailed("say why the need is rejected", field="note")
    need.status = NeedStatus.APPROVED if approve else NeedStatus.REJECTED
    need.review_note = (note or "").strip() or None
    need.reviewed_at = utcnow()
    need.reviewed_by_id = actor.user_id
    persistence.flush(session, what="need")
    return need
