"""Needs per programme: the min/max table, review with a note, and submission by associations."""

import re

from sqlalchemy import select

from reuse.extensions import db
from reuse.models import Need, NeedStatus
from tests.builders import make_association, make_need, make_programme


def _programme_with_needs(data):
    def build(session):
        programme = make_programme(session)
        first = make_association(session, name="Alpha")
        second = make_association(session, name="Beta")
        make_need(
            session,
            programme_id=programme.id,
            association_id=first.id,
            category="desktop",
            quantity_min=10,
            quantity_max=30,
            status=NeedStatus.APPROVED,
        )
        make_need(
            session,
            programme_id=programme.id,
            association_id=first.id,
            category="desktop",
            quantity_min=2,
            quantity_max=5,
        )
        make_need(
            session,
            programme_id=programme.id,
            association_id=second.id,
            category="laptop",
            quantity_min=1,
            quantity_max=4,
            status=NeedStatus.REJECTED,
            review_note="no",
        )
        submitted = make_need(
            session,
            programme_id=programme.id,
            association_id=second.id,
            category="laptop",
            quantity_min=3,
            quantity_max=6,
        )
        return programme.id, first.id, second.id, submitted.id

    return data(build)


def test_the_table_sums_min_and_max_by_association_and_category_without_rejected_needs(
    client, login, data
):
    programme_id, first, second, _ = _programme_with_needs(data)
    login("coordinator")
    page = client.get(f"/programmes/{programme_id}/needs").text
    row = re.search(rf'<tr data-association="{first}">.*?</tr>', page, re.S).group()
    assert re.search(r'data-category="desktop">12 – 35<abbr', row)
    row = re.search(rf'<tr data-association="{second}">.*?</tr>', page, re.S).group()
    assert re.search(r'data-category="laptop">3 – 6<abbr', row)
    assert 'data-total="desktop">12 – 35<' in page


def test_a_coordinator_approves_a_need_and_must_say_why_to_reject_one(app, client, login, data):
    programme_id, _, _, need_id = _programme_with_needs(data)
    login("coordinator")
    response = client.post(f"/needs/{need_id}/review", data={"decision": "reject", "note": ""})
    assert response.status_code == 422
    assert re.search(
        rf'id="note-{need_id}-error" data-error-for="note">indiquez pourquoi', response.text
    )
    response = client.post(
        f"/needs/{need_id}/review", data={"decision": "approve", "note": "ok for wave 1"}
    )
    assert response.headers["Location"] == f"/programmes/{programme_id}/needs"
    with app.app_context():
        need = db.session.get(Need, need_id)
        assert (need.status, need.review_note) == (NeedStatus.APPROVED, "ok for wave 1")
    response = client.post(f"/needs/{need_id}/review", data={"decision": "approve"})
    assert response.status_code == 409
    assert "seul un besoin soumis peut être examiné" in response.text


def test_an_association_submits_its_own_need_and_sees_only_its_own(app, client, login, data):
    programme_id, first, second, _ = _programme_with_needs(data)
    login("association", association_id=second)
    page = client.get(f"/programmes/{programme_id}/needs/new").text
    assert 'name="association_id"' not in page
    response = client.post(
        f"/programmes/{programme_id}/needs/new",
        data={"category": "laptop", "quantity_min": 5, "quantity_max": 2, "priority": 2},
    )
    assert 'data-error-for="quantity_max">le maximum ne peut pas être inférieur' in response.text
    response = client.post(
        f"/programmes/{programme_id}/needs/new",
        data={
            "category": "laptop",
            "quantity_min": 2,
            "quantity_max": 5,
            "priority": 2,
            "association_id": first,
        },
    )
    assert response.headers["Location"] == f"/associations/{second}"
    with app.app_context():
        mine = db.session.scalars(select(Need).where(Need.association_id == second)).all()
        assert len(mine) == 3 and not any(n.association_id == first for n in mine[2:])
    page = client.get(f"/programmes/{programme_id}/needs").text
    assert f'data-association="{first}"' not in page
    assert "Approuver" not in page
    assert (
        client.post(f"/needs/{mine[-1].id}/review", data={"decision": "approve"}).status_code == 403
    )


def test_a_coordinator_submits_a_need_for_a_chosen_association(client, login, data):
    programme_id, first, _, _ = _programme_with_needs(data)
    login("coordinator")
    response = client.post(
        f"/programmes/{programme_id}/needs/new",
        data={"category": "desktop", "quantity_min": 1, "quantity_max": 2, "priority": 3},
    )
    assert response.status_code == 422
    assert 'data-error-for="association_id"' in response.text
    response = client.post(
        f"/programmes/{programme_id}/needs/new",
        data={
            "association_id": first,
            "category": "desktop",
            "quantity_min": 1,
            "quantity_max": 2,
            "priority": 3,
            "needs_kit": "y",
        },
    )
    assert response.headers["Location"] == f"/programmes/{programme_id}/needs"
