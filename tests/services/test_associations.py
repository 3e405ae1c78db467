"""Programmes, associations, needs and their review."""

from datetime import date

import pytest

from reuse.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from reuse.models import NeedStatus
from reuse.services import associations
from tests.builders import (
    COORDINATOR,
    WAREHOUSE,
    association_actor,
    make_association,
    make_need,
    make_programme,
)


def test_an_association_is_registered_with_a_normalised_legal_id(session):
    association = associations.create_association(
        session,
        COORDINATOR,
        name="Lyon Numérique Solidaire",
        city="Lyon",
        legal_id="w691 000 123",
        postcode="69007",
        focus_areas=["inclusion numérique", " emploi "],
    )
    assert association.legal_id == "W691000123"
    assert association.focus_areas == ["emploi", "inclusion numérique"]


def test_an_association_without_legal_id_needs_a_reason(session):
    with pytest.raises(ValidationFailed, match="legal_id"):
        associations.create_association(session, COORDINATOR, name="Asso", city="Metz")
    association = associations.create_association(
        session,
        COORDINATOR,
        name="Asso",
        city="Metz",
        legal_id_missing_reason="inscrite au registre du tribunal judiciaire (Alsace-Moselle)",
    )
    assert association.legal_id is None


def test_bad_legal_id_postcode_and_email_are_all_reported(session):
    with pytest.raises(ValidationFailed) as refused:
        associations.create_association(
            session,
            COORDINATOR,
            name="Asso",
            city="Lyon",
            legal_id="73282932000075",
            postcode="690",
            contact_email="nobody",
        )
    assert set(refused.value.errors) == {"legal_id", "postcode", "contact_email"}
    assert "not a valid SIRET" in refused.value.errors["legal_id"][0]


def test_a_legal_id_belongs_to_one_association(session):
    make_association(session, legal_id="W691000999")
    with pytest.raises(Conflict, match="already registered"):
        associations.create_association(
            session, COORDINATOR, name="B", city="Lyon", legal_id="W691000999"
        )


def test_warehouse_staff_cannot_register_associations(session):
    with pytest.raises(PermissionDenied):
        associations.create_association(
            session, WAREHOUSE, name="A", city="Lyon", legal_id="W691000998"
        )


def test_a_programme_cannot_end_before_it_starts(session):
    with pytest.raises(ValidationFailed, match="ends_on"):
        associations.create_programme(
            session,
            COORDINATOR,
            name="P",
            partner="Ville",
            territory="Lyon",
            starts_on=date(2026, 1, 1),
            ends_on=date(2025, 1, 1),
        )


def _submit(session, actor, **overrides):
    values = {
        "programme_id": make_programme(session).id,
        "association_id": make_association(session).id,
        "category": "desktop",
        "quantity_min": 10,
        "quantity_max": 30,
        "needs_kit": True,
    } | overrides
    return associations.submit_need(session, actor, **values)


def test_an_association_submits_its_own_needs_only(session):
    ours, theirs = make_association(session), make_association(session)
    need = _submit(session, association_actor(ours.id), association_id=ours.id)
    assert need.status == NeedStatus.SUBMITTED
    with pytest.raises(PermissionDenied, match="for itself only"):
        _submit(session, association_actor(ours.id), association_id=theirs.id)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"quantity_min": 31}, "quantity_max"),
        ({"quantity_min": -1}, "quantity_min"),
        ({"quantity_min": 0, "quantity_max": 0}, "quantity_max"),
        ({"priority": 9}, "priority"),
        ({"category": "fax"}, "category"),
        ({"min_grade": "Z"}, "min_grade"),
        ({"min_ram_gb": "8"}, "min_ram_gb"),
    ],
)
def test_a_need_with_impossible_quantities_or_values_is_refused_naming_the_field(
    session, overrides, field
):
    with pytest.raises(ValidationFailed) as refused:
        _submit(session, COORDINATOR, **overrides)
    assert field in refused.value.errors


def test_a_coordinator_approves_or_rejects_a_need_once(session):
    approved, rejected = make_need(session), make_need(session)
    associations.review_need(session, COORDINATOR, approved, approve=True)
    assert approved.status == NeedStatus.APPROVED and approved.reviewed_at is not None
    with pytest.raises(ValidationFailed, match="say why"):
        associations.review_need(session, COORDINATOR, rejected, approve=False)
    associations.review_need(session, COORDINATOR, rejected, approve=False, note="hors périmètre")
    assert rejected.status == NeedStatus.REJECTED and rejected.review_note == "hors périmètre"
    with pytest.raises(InvalidTransition, match="already approved"):
        associations.review_need(session, COORDINATOR, approved, approve=False, note="oops")


def test_an_association_cannot_review_needs(session):
    need = make_need(session)
    with pytest.raises(PermissionDenied):
        associations.review_need(
            session, association_actor(need.association_id), need, approve=True
        )
