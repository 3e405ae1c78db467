"""Allocation pages: run a wave, review it per association with the reasons in French or English,
confirm or cancel it with the form's token; associations see their own needs only."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from reuse.extensions import db
from reuse.models import Allocation, AllocationStatus, Device, DeviceStatus, NeedStatus
from reuse.services import lifecycle
from tests.builders import (
    WAREHOUSE,
    make_association,
    make_collection,
    make_device,
    make_need,
    make_programme,
)

DAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def city(data):
    """10 ready desktops; 'Les Amis' asks 3 to 6 with a kit, 'Tremplin' 8 to 9 (not served)."""

    def build(session):
        programme = make_programme(session, name="1000 PC Lyon").id
        collection = make_collection(session).id
        devices = [
            make_device(
                session, DeviceStatus.READY, category="desktop", collection_id=collection
            ).id
            for _ in range(10)
        ]
        associations = {}
        for hour, (name, low, high) in enumerate((("Les Amis", 3, 6), ("Tremplin", 8, 9))):
            associations[name] = make_association(session, name=name).id
            make_need(
                session,
                programme_id=programme,
                association_id=associations[name],
                quantity_min=low,
                quantity_max=high,
                needs_kit=True,
                status=NeedStatus.APPROVED,
                submitted_at=DAY + timedelta(hours=hour),
            )
        return {"programme": programme, "devices": devices, **associations}

    return data(build)


def _run(client, programme: int, **form) -> str:
    """Post the run form; the draft's page URL."""
    values = {"wave": "Vague 1", "limit": "", "policy": "spread"} | form
    response = client.post(f"/programmes/{programme}/allocations", data=values)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def _allocated(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(Device.status == DeviceStatus.ALLOCATED)
        )


def test_a_coordinator_runs_reviews_and_confirms_a_wave_in_french(app, client, login, city):
    login("coordinator")
    page = client.get(f"/programmes/{city['programme']}/allocations")
    assert page.status_code == 200
    assert "Lancer une vague" in page.text and "Aucune attribution" in page.text
    url = _run(client, city["programme"])
    review = client.get(url).text
    assert "Brouillon" in review and "Vague 1" in review
    assert "Les Amis" in review and "Tremplin" in review
    assert "ordinateurs fixes avec clavier et souris" in review
    assert "Reçoit 6 appareils : d’abord son minimum de 3" in review
    assert "ne reçoit rien dans cette vague" in review.lower()
    assert "1 association reçoit ses premiers appareils." in review
    assert _allocated(app) == 0
    confirmed = client.post(url + "/confirm", data={"version": "1"}, follow_redirects=True)
    assert confirmed.status_code == 200
    assert "Attribution confirmée" in confirmed.text and 'data-status="confirmed"' in confirmed.text
    assert _allocated(app) == 6


def test_the_review_reads_in_english_too(client, login, city):
    login("coordinator")
    url = _run(client, city["programme"], policy="fill", limit="6")
    client.post("/language", data={"locale": "en", "next": url})
    review = client.get(url).text
    assert "Draft" in review and "Fill: needs one after another" in review
    assert "desktops with keyboard and mouse" in review
    assert "With the fill policy, needs are served one after another" in review


def test_confirm_says_which_devices_moved_and_changes_nothing(app, client, login, city):
    login("coordinator")
    url = _run(client, city["programme"])
    with app.app_context():
        device = db.session.get(Device, city["devices"][0])
        lifecycle.apply(db.session, device, "recycled", WAREHOUSE, reason="cassé")
        db.session.commit()
        code = device.code
    response = client.post(url + "/confirm", data={"version": "1"}, follow_redirects=True)
    assert "1 des 6 appareils du brouillon" in response.text
    assert f"{code[:4]}-{code[4:8]}-{code[8]} recyclé" in response.text
    assert "rien n’a été confirmé" in response.text
    assert 'data-status="draft"' in response.text
    assert _allocated(app) == 0


def test_a_second_wave_shows_what_changes_against_the_first(client, login, city):
    login("coordinator")
    first = _run(client, city["programme"], limit="4")
    client.post(first + "/confirm", data={"version": "1"})
    second = _run(client, city["programme"], wave="Vague 2")
    review = client.get(second).text
    assert re.search(
        r"Vagues précédentes de ce programme :\s*<a[^>]*>Vague 1</a> \(4 appareils", review
    )
    assert "Il a déjà reçu 4 appareils lors des vagues précédentes" in review
    assert "1 association reçoit davantage" in review
    listing = client.get(f"/programmes/{city['programme']}/allocations").text
    assert listing.count("data-allocation=") == 2


def test_cancel_a_confirmed_wave_puts_the_devices_back(app, client, login, city):
    login("coordinator")
    url = _run(client, city["programme"])
    client.post(url + "/confirm", data={"version": "1"})
    cancelled = client.post(url + "/cancel", data={}, follow_redirects=True)
    assert "Attribution annulée" in cancelled.text and 'data-status="cancelled"' in cancelled.text
    assert _allocated(app) == 0


def test_a_run_form_error_is_shown_on_its_field(client, login, city):
    login("coordinator")
    url = _run(client, city["programme"])
    client.post(url + "/confirm", data={"version": "1"})
    response = client.post(
        f"/programmes/{city['programme']}/allocations",
        data={"wave": "Vague 1", "policy": "spread"},
    )
    assert response.status_code == 409
    assert "la vague « Vague 1 » de ce programme a déjà été confirmée" in response.text
    empty = client.post(f"/programmes/{city['programme']}/allocations", data={"policy": "spread"})
    assert empty.status_code == 422


def test_an_association_sees_its_own_needs_of_decided_waves_only(client, login, city, make_user):
    login("coordinator")
    url = _run(client, city["programme"])
    login("association", association_id=city["Tremplin"])
    assert client.get(url).status_code == 404
    assert client.post(url + "/confirm", data={"version": "1"}).status_code == 403
    login("coordinator")
    client.post(url + "/confirm", data={"version": "1"})
    login("association", association_id=city["Tremplin"])
    review = client.get(url).text
    assert "Tremplin" in review and "Les Amis" not in review
    assert "Confirmer" not in review and "Annuler" not in review
    assert "Lancer une vague" not in client.get(f"/programmes/{city['programme']}/allocations").text


@pytest.mark.parametrize("role", ["warehouse", "partner"])
def test_other_roles_cannot_open_allocations(client, login, city, role):
    login(role)
    assert client.get(f"/programmes/{city['programme']}/allocations").status_code == 403


def test_every_allocation_form_needs_its_token(app, client, login, city):
    login("coordinator")
    url = _run(client, city["programme"])
    app.config["WTF_CSRF_ENABLED"] = True
    for path in (f"/programmes/{city['programme']}/allocations", url + "/confirm", url + "/cancel"):
        response = client.post(path, data={"wave": "Vague 9", "version": "1"})
        assert response.status_code in (400, 302), path
    with app.app_context():
        statuses = db.session.scalars(select(Allocation.status)).all()
    assert statuses == [AllocationStatus.DRAFT]


def test_the_programme_page_leads_to_its_waves_for_those_who_may_read_them(client, login, city):
    programme = city["programme"]
    link = f'href="/programmes/{programme}/allocations"'
    login("coordinator")
    assert link in client.get(f"/programmes/{programme}").text
    login("warehouse")
    page = client.get(f"/programmes/{programme}")
    assert page.status_code == 403 or link not in page.text
