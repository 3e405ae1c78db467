"""Allocations through the API: run a draft, review it, confirm (409 when stock moved), cancel."""

import pytest

from reuse import codes
from reuse.extensions import db
from reuse.models import Allocation, Device, DeviceStatus, NeedStatus
from reuse.services import lifecycle
from tests.builders import (
    WAREHOUSE,
    make_association,
    make_collection,
    make_device,
    make_need,
    make_programme,
)


@pytest.fixture
def stock(app, headers):
    """12 ready desktops; the API's association asks 2 to 6, another one 4 to 8."""
    with app.app_context():
        programme = make_programme(db.session).id
        collection = make_collection(db.session).id
        devices = [
            make_device(
                db.session, DeviceStatus.READY, category="desktop", collection_id=collection
            )
            for _ in range(12)
        ]
        own = make_need(
            db.session,
            programme_id=programme,
            association_id=headers["association_id"],
            quantity_min=2,
            quantity_max=6,
            status=NeedStatus.APPROVED,
        ).id
        other = make_need(
            db.session,
            programme_id=programme,
            association_id=make_association(db.session).id,
            quantity_min=4,
            quantity_max=8,
            status=NeedStatus.APPROVED,
        ).id
        db.session.commit()
        return {
            "programme": programme,
            "codes": [codes.display(d.code) for d in devices],
            "own": own,
            "other": other,
        }


def run(client, headers, programme, **body):
    body = {"wave": "Vague 1"} | body
    return client.post(
        f"/api/v1/programmes/{programme}/allocations", json=body, headers=headers["coordinator"]
    )


def test_a_run_answers_201_with_lines_and_reasons_and_reserves_nothing(client, headers, stock):
    response = run(client, headers, stock["programme"], limit=10)
    assert response.status_code == 201, response.json
    draft = response.json
    assert draft["status"] == "draft" and draft["limit"] == 10 and draft["policy"] == "spread"
    assert response.headers["ETag"] == f'"{draft["version"]}"'
    assert len(draft["lines"]) == 10
    assert {line["device_code"] for line in draft["lines"]} <= set(stock["codes"])
    by_need = {need["need_id"]: need for need in draft["needs"]}
    assert by_need[stock["own"]]["allocated"] + by_need[stock["other"]]["allocated"] == 10
    reason = by_need[stock["own"]]["reason"]
    assert reason["kind"] in {"proportional_share", "remainder"} and reason["minimum"] == 2
    assert reason["text"].startswith("Gets ")
    assert draft["totals"]["limit_reached"] is True
    device = client.get(f"/api/v1/devices/{stock['codes'][0]}", headers=headers["admin"]).json
    assert device["status"] == "ready"


def test_confirm_allocates_and_cancel_gives_back(client, headers, stock):
    draft = run(client, headers, stock["programme"]).json
    confirmed = client.post(
        f"/api/v1/allocations/{draft['id']}/confirm",
        json={"version": draft["version"]},
        headers=headers["coordinator"],
    )
    assert confirmed.status_code == 200, confirmed.json
    assert confirmed.json["status"] == "confirmed" and confirmed.json["devices"] == 12
    code = draft["lines"][0]["device_code"]
    device = client.get(f"/api/v1/devices/{code}", headers=headers["admin"]).json
    assert device["status"] == "allocated"
    assert device["events"][-1]["payload"]["allocation_id"] == draft["id"]
    cancelled = client.post(
        f"/api/v1/allocations/{draft['id']}/cancel", json={}, headers=headers["coordinator"]
    )
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    device = client.get(f"/api/v1/devices/{code}", headers=headers["admin"]).json
    assert device["status"] == "ready"
    again = client.post(
        f"/api/v1/allocations/{draft['id']}/cancel", json={}, headers=headers["coordinator"]
    )
    assert again.status_code == 409 and "already cancelled" in again.json["message"]


def test_confirm_answers_409_and_changes_nothing_when_a_device_moved(app, client, headers, stock):
    draft = run(client, headers, stock["programme"]).json
    moved = draft["lines"][5]["device_code"]
    with app.app_context():
        device = db.session.scalar(db.select(Device).where(Device.code == codes.normalise(moved)))
        lifecycle.apply(db.session, device, "recycled", WAREHOUSE, reason="cracked case")
        db.session.commit()
    response = client.post(
        f"/api/v1/allocations/{draft['id']}/confirm", json={}, headers=headers["coordinator"]
    )
    assert response.status_code == 409
    assert f"{moved} recycled" in response.json["message"]
    assert "devices" in response.json["errors"]
    again = client.get(f"/api/v1/allocations/{draft['id']}", headers=headers["coordinator"])
    assert again.json["status"] == "draft"
    other = draft["lines"][0]["device_code"]
    assert client.get(f"/api/v1/devices/{other}", headers=headers["admin"]).json["status"] == (
        "ready"
    )


def test_confirm_from_an_old_version_answers_409(client, headers, stock):
    draft = run(client, headers, stock["programme"]).json
    response = client.post(
        f"/api/v1/allocations/{draft['id']}/confirm",
        json={"version": draft["version"] + 1},
        headers=headers["coordinator"],
    )
    assert response.status_code == 409 and "changed by someone else" in response.json["message"]


def test_an_association_sees_only_its_own_needs_and_lines_once_confirmed(client, headers, stock):
    draft = run(client, headers, stock["programme"]).json
    asso = headers["association"]
    assert client.get(f"/api/v1/allocations/{draft['id']}", headers=asso).status_code == 404
    listed = client.get(f"/api/v1/programmes/{stock['programme']}/allocations", headers=asso)
    assert listed.status_code == 200 and listed.json == []
    client.post(f"/api/v1/allocations/{draft['id']}/confirm", json={}, headers=headers["admin"])
    mine = client.get(f"/api/v1/allocations/{draft['id']}", headers=asso).json
    assert [need["need_id"] for need in mine["needs"]] == [stock["own"]]
    assert {line["need_id"] for line in mine["lines"]} == {stock["own"]}
    assert mine["totals"] is None and mine["devices"] == len(mine["lines"])
    listed = client.get(f"/api/v1/programmes/{stock['programme']}/allocations", headers=asso)
    assert [(a["id"], a["devices"]) for a in listed.json] == [(draft["id"], len(mine["lines"]))]
    refused = client.post(f"/api/v1/allocations/{draft['id']}/cancel", json={}, headers=asso)
    assert refused.status_code == 403


def test_the_coordinator_lists_a_programme_s_allocations_newest_first(client, headers, stock):
    first = run(client, headers, stock["programme"]).json["id"]
    second = run(client, headers, stock["programme"], wave="Vague 1 bis", policy="fill").json
    listed = client.get(
        f"/api/v1/programmes/{stock['programme']}/allocations", headers=headers["coordinator"]
    ).json
    assert [a["id"] for a in listed] == [second["id"], first]
    assert listed[0]["policy"] == "fill" and listed[0]["devices"] == 12
    without = client.get(
        f"/api/v1/allocations/{first}?lines=false", headers=headers["coordinator"]
    ).json
    assert without["lines"] is None and len(without["needs"]) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"wave": ""}, "wave"),
        ({"limit": -3}, "limit"),
        ({"policy": "lottery"}, "policy"),
        ({"wave": None}, "wave"),
    ],
)
def test_a_bad_run_is_refused_by_field(client, headers, stock, body, field):
    response = run(client, headers, stock["programme"], **body)
    assert response.status_code == 422 and field in response.json["errors"]


def test_unknown_programmes_and_allocations_answer_404(client, headers):
    assert run(client, headers, 999_999).status_code == 404
    response = client.get("/api/v1/allocations/999999", headers=headers["coordinator"])
    assert response.status_code == 404


def test_a_confirmed_wave_name_is_not_used_twice(client, headers, stock):
    draft = run(client, headers, stock["programme"], limit=6).json
    client.post(f"/api/v1/allocations/{draft['id']}/confirm", json={}, headers=headers["admin"])
    response = run(client, headers, stock["programme"])
    assert response.status_code == 409 and "wave" in response.json["errors"]
    second = run(client, headers, stock["programme"], wave="Vague 2").json
    assert [w["wave"] for w in second["earlier_waves"]] == ["Vague 1"]
    assert sum(need["earlier"] for need in second["needs"]) == 6


def test_an_allocation_counts_its_devices_from_its_lines_on_its_page_as_in_the_list(
    app, client, headers, stock
):
    draft = run(client, headers, stock["programme"]).json
    with app.app_context():  # as the demo's waves are stored: no per-need outcome
        db.session.get(Allocation, draft["id"]).summary = {}
        db.session.commit()
    auth = headers["coordinator"]
    listed = client.get(f"/api/v1/programmes/{stock['programme']}/allocations", headers=auth)
    for query in ("", "?lines=false"):
        page = client.get(f"/api/v1/allocations/{draft['id']}{query}", headers=auth).json
        assert page["needs"] == [] and page["devices"] == listed.json[0]["devices"] == 12
