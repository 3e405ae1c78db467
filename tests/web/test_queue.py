"""The refurbishment queue: stages oldest first, filters, and all-or-nothing bulk moves."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from reuse.extensions import db
from reuse.models import Device, DeviceStatus
from tests.builders import make_device, make_warehouse

S = DeviceStatus


def _codes(page: str) -> list[str]:
    return re.findall(r'<tr data-code="([A-Z]{9})"', page)


def _statuses(app, codes):
    with app.app_context():
        rows = db.session.execute(select(Device.code, Device.status).where(Device.code.in_(codes)))
        return {code: status for code, status in rows}


def _versions(app, codes):
    with app.app_context():
        rows = db.session.execute(select(Device.code, Device.version).where(Device.code.in_(codes)))
        return {f"version-{code}": version for code, version in rows}


def test_each_stage_lists_its_devices_the_longest_waiting_first(client, login, data):
    def build(session):
        now = datetime.now(UTC)
        made = []
        for days, category in ((2, "laptop"), (9, "desktop"), (5, "laptop")):
            device = make_device(session, status=S.RECEIVED, category=category)
            device.status_changed_at = now - timedelta(days=days)
            made.append(device.code)
        make_device(session, status=S.REFURBISHING)
        return made

    recent, oldest, middle = data(build)
    login("warehouse")
    page = client.get("/queue/?stage=received").text
    assert _codes(page) == [oldest, middle, recent]
    assert re.search(r'data-stage="received"[^>]*>[^<]*<span class="count">3<', page)
    assert re.search(r'data-stage="refurbishing"[^>]*>[^<]*<span class="count">1<', page)
    assert _codes(client.get("/queue/?stage=received&category=laptop").text) == [middle, recent]


def test_bulk_ready_moves_every_selected_device_when_all_can_go(app, client, login, data):
    codes = data(lambda s: [make_device(s, status=S.REFURBISHING).code for _ in range(2)])
    login("warehouse")
    response = client.post(
        "/queue/move",
        data={"kind": "ready", "stage": "refurbishing", "codes": codes, **_versions(app, codes)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/queue/?stage=refurbishing"
    assert set(_statuses(app, codes).values()) == {S.READY}


def test_bulk_ready_moves_nothing_when_one_device_is_refused_and_names_it(app, client, login, data):
    def build(session):
        fine = make_device(session, status=S.REFURBISHING).code
        ungraded = make_device(session, status=S.REFURBISHING)
        ungraded.grade = None
        return fine, ungraded.code

    fine, ungraded = data(build)
    login("warehouse")
    response = client.post(
        "/queue/move",
        data={
            "kind": "ready",
            "stage": "refurbishing",
            "codes": [fine, ungraded],
            **_versions(app, [fine, ungraded]),
        },
    )
    assert response.status_code == 422
    assert "Rien n’a été modifié" in response.text
    assert re.search(
        rf'<tr data-code="{ungraded}" class="refused">.*?il n’a pas de grade', response.text, re.S
    )
    assert re.search(rf'value="{fine}"[^>]*checked', response.text)
    assert set(_statuses(app, [fine, ungraded]).values()) == {S.REFURBISHING}


def test_bulk_moves_refuse_a_stale_selection(app, client, login, data):
    code = data(lambda s: make_device(s, status=S.REFURBISHING).code)
    login("warehouse")
    stale = _versions(app, [code])
    stale[f"version-{code}"] -= 1
    response = client.post(
        "/queue/move", data={"kind": "ready", "stage": "refurbishing", "codes": [code], **stale}
    )
    assert response.status_code == 422
    assert "modifié par quelqu’un d’autre" in response.text
    assert _statuses(app, [code])[code] == S.REFURBISHING


def test_bulk_receive_asks_for_the_warehouse(app, client, login, data):
    codes = data(lambda s: [make_device(s, status=S.COLLECTED).code for _ in range(2)])
    warehouse = data(lambda s: make_warehouse(s).id)
    login("warehouse")
    page = client.get("/queue/?stage=collected").text
    assert 'name="kind" value="received"' in page and 'name="kind" value="ready"' not in page
    form = {"kind": "received", "stage": "collected", "codes": codes, **_versions(app, codes)}
    response = client.post("/queue/move", data=form)
    assert response.status_code == 422
    assert 'data-error-for="warehouse_id">choisissez l’entrepôt' in response.text
    response = client.post("/queue/move", data={**form, "warehouse_id": warehouse})
    assert response.status_code == 302
    assert set(_statuses(app, codes).values()) == {S.RECEIVED}


def test_selecting_nothing_is_said_plainly(client, login):
    login("warehouse")
    response = client.post("/queue/move", data={"kind": "ready", "stage": "refurbishing"})
    assert response.status_code == 422
    assert "sélectionnez au moins un appareil" in response.text
