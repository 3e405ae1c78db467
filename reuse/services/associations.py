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


def create_association(
    session: Session,
    actor: Actor,
    *,
    name: str,
    city: str,
    legal_id: str | None = None,
    legal_id_missing_reason: str | None = None,
    address: str | None = None,
    postcode: str | None = None,
    contact_name: str | None = None,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    focus_areas: list[str] | None = None,
) -> Association:
    """Register an association; its legal id is an RNA number or a SIRET, or a reason why none."""
    permissions.require(actor, "associations.write")
    check = Checker()
    name = check.required("name", name)
    city = check.required("city", city)
    normalised_id = None
    if legal_id and legal_id.strip():
        try:
            normalised_id = legal_ids.normalise(legal_id)
        except ValueError as error:
            check.add("legal_id", str(error))
    elif not (legal_id_missing_reason or "").strip():
        check.add(
            "legal_id",
            "give the RNA number or SIRET, or say why there is none "
            "(e.g. an Alsace-Moselle association)",
        )
    if postcode and not (postcode.strip().isdigit() and len(postcode.strip()) == 5):
        check.add("postcode", f"'{postcode}' is not a French postcode (5 digits)")
    if contact_email and "@" not in contact_email:
        check.add("contact_email", f"'{contact_email}' is not an email address")
    check.raise_if_any()
    if normalised_id and session.scalar(
        select(Association.name).where(Association.legal_id == normalised_id)
    ):
        raise Conflict(f"legal id {normalised_id} is already registered", field="legal_id")
    association = Association(
        name=name,
        city=city,
        legal_id=normalised_id,
        legal_id_missing_reason=None if normalised_id else legal_id_missing_reason.strip(),
        address=address or None,
        postcode=postcode.strip() if postcode else None,
        contact_name=contact_name or None,
        contact_email=contact_email or None,
        contact_phone=contact_phone or None,
        focus_areas=sorted({area.strip() for area in focus_areas or [] if area.strip()}),
    )
    session.add(association)
    persistence.flush(session, what="association")
    return association


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
    if session.get(Programme, programme_id) is None:
        raise NotFound(f"no programme with id {programme_id}", field="programme_id")
    association = session.get(Association, association_id)
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
