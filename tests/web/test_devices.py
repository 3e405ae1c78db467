"""The device page: its records, the actions its status allows, and refusals shown by field."""

import re

import pytest
from sqlalchemy import select

from reuse.extensions import db
from reuse.models import Device, DeviceStatus
from tests.builders import make_device, make_warehouse

S = DeviceStatus


def _device(data, status=S.RECEIVED, **overrides):
    return data(lambda session: make_device(session, status=status, **overrides).code)


def _version(app, code):
    with app.app_context():
        return db.session.scalar(select(Device.version).where(Device.code == code))


def _actions(page: str) -> set[str]:
    return set(re.findall(r'data-action="([a-z]+)"', page))


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (S.COLLECTED, {"receive", "recycle"}),
        (S.RECEIVED, {"erasure", "test", "grade", "checklist", "recycle"}),
        (S.REFURBISHING, {"erasure", "test", "grade", "checklist", "ready", "recycle"}),
        (S.READY, {"erasure", "test", "grade", "checklist", "recycle"}),
        (S.RECYCLED, set()),
    ],
)
def test_the_page_offers_only_the_actions_the_status_allows(client, login, data, status, offered):
    code = _device(data, status)
    login("warehouse")
    assert _actions(client.get(f"/devices/{code}").text) == offered


def test_a_coordinator_reads_the_page_without_any_action(client, login, data):
    code = _device(data, S.REFURBISHING)
    login("coordinator")
    page = client.get(f"/devices/{code}").text
    assert _actions(page) == set()
    assert "Historique" in page


def test_what_stops_a_device_from_being_ready_is_listed_and_the_button_disabled(
    app, client, login, data
):
    code = _device(data, S.RECEIVED)
    login("warehouse")
    client.post(
        f"/devices/{code}/test",
        data={"test-expected_version": _version(app, code), "test-result": "passed"},
    )
    page = client.get(f"/devices/{code}").text
    assert "aucun effacement des données réussi n’est enregistré" in page
    assert "il n’a pas de grade" in page
    assert "aucun test de fonctionnement" not in page
    assert re.search(r'data-action="ready".*?<button type="submit"[^>]*disabled', page, re.S)


def test_erasure_test_and_grade_then_ready_take_the_device_to_ready(app, client, login, data):
    code = _device(data, S.RECEIVED)
    login("warehouse")
    steps = [
        ("erasure", {"method": "purge", "technique": "crypto-erase", "result": "passed"}),
        ("test", {"result": "passed", "notes": "all ports work"}),
        ("grade", {"grade": "B"}),
        ("ready", {}),
    ]
    for action, fields in steps:
        form = {f"{action}-{name}": value for name, value in fields.items()}
        form[f"{action}-expected_version"] = _version(app, code)
        response = client.post(f"/devices/{code}/{action}", data=form)
        assert response.status_code == 302, (action, response.text)
    page = client.get(f"/devices/{code}").text
    assert 'class="badge status-ready"' in page
    assert "prêt à être attribué" in page
    kinds = re.findall(r'<li data-kind="([a-z_]+)"', page)
    assert kinds == ["ready", "graded", "test", "erasure", "received", "registered"]


def test_a_stale_form_is_refused_with_the_changed_by_someone_else_message(app, client, login, data):
    code = _device(data, S.RECEIVED)
    login("warehouse")
    stale = _version(app, code)
    form = {"grade-expected_version": stale, "grade-grade": "A"}
    assert client.post(f"/devices/{code}/grade", data=form).status_code == 302
    response = client.post(f"/devices/{code}/grade", data={**form, "grade-grade": "C"})
    assert response.status_code == 409
    assert "modifié par quelqu’un d’autre" in response.text
    with app.app_context():
        assert db.session.scalar(select(Device.grade).where(Device.code == code)).value == "A"


def test_errors_are_shown_next_to_the_field_they_name(app, client, login, data):
    code = _device(data, S.RECEIVED)
    login("warehouse")
    version = _version(app, code)
    response = client.post(
        f"/devices/{code}/erasure",
        data={
            "erasure-expected_version": version,
            "erasure-method": "clear",
            "erasure-result": "passed",
        },
    )
    assert response.status_code == 422
    assert re.search(
        r'data-field="technique".*?data-error-for="technique">précisez la technique',
        response.text,
        re.S,
    )
    response = client.post(
        f"/devices/{code}/grade", data={"grade-expected_version": version, "grade-grade": "Z"}
    )
    assert response.status_code == 422
    assert 'data-error-for="grade">' in response.text
    response = client.post(f"/devices/{code}/recycle", data={"recycle-expected_version": version})
    assert response.status_code == 422
    assert "dites pourquoi l&#39;appareil ne peut pas être réemployé" in response.text


def test_an_action_the_status_does_not_allow_is_refused(app, client, login, data):
    code = _device(data, S.COLLECTED)
    login("warehouse")
    response = client.post(
        f"/devices/{code}/ready", data={"ready-expected_version": _version(app, code)}
    )
    assert response.status_code == 409
    assert "n’a pas encore été réceptionné" in response.text


def test_a_collected_device_is_received_at_the_chosen_warehouse(app, client, login, data):
    code = _device(data, S.COLLECTED)
    warehouse = data(lambda session: make_warehouse(session, name="Vénissieux").id)
    login("warehouse")
    response = client.post(
        f"/devices/{code}/receive",
        data={"receive-expected_version": _version(app, code), "receive-warehouse_id": warehouse},
    )
    assert response.status_code == 302
    assert 'class="badge status-received"' in client.get(f"/devices/{code}").text


def test_correcting_the_details_records_what_changed(app, client, login, data):
    code = _device(data, S.RECEIVED, category="desktop")
    login("warehouse")
    page = client.get(f"/devices/{code}/edit").text
    assert '<option selected value="desktop">' in page
    response = client.post(
        f"/devices/{code}/edit",
        data={
            "expected_version": _version(app, code),
            "category": "desktop",
            "manufacturer": "Lenovo",
            "model": "ThinkCentre M720q",
            "ram_gb": "16 Go",
            "accessories": "clavier, souris",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/devices/{code}").text
    assert "16 Go" in page and 'data-kind="updated"' in page


def test_a_scanned_code_in_any_form_opens_its_device(client, login, data):
    code = _device(data)
    login("warehouse")
    typed = f"https://reuse.test/d/{code[:4].lower()}-{code[4:8]}-{code[8]}"
    response = client.get("/devices/find", query_string={"code": typed})
    assert response.headers["Location"] == f"/devices/{code}"
    response = client.get(
        "/devices/find", query_string={"code": "KXBT-RHNP-R"}, follow_redirects=True
    )
    assert "flash-error" in response.text, "a valid code no device has is said so"
    response = client.get("/devices/find", query_string={"code": "LAT-5490-SN"})
    assert response.headers["Location"] == "/devices/?q=LAT-5490-SN", "not a code: searched"


def test_the_device_list_filters_and_pages_newest_first(client, login, data):
    def build(session):
        made = [make_device(session, status=S.READY, category="laptop") for _ in range(3)]
        make_device(session, status=S.RECEIVED, category="desktop")
        return [device.code for device in made]

    codes = data(build)
    login("coordinator")
    page = client.get("/devices/?status=ready&category=laptop").text
    assert re.findall(r'<tr data-code="([A-Z]+)"', page) == codes[::-1]
    assert "3 au total" in page
    first = re.search(r'<tr data-code="([A-Z]+)"', client.get("/devices/?status=ready").text)
    assert first.group(1) == codes[-1]
    page = client.get("/devices/?status=nonsense").text
    assert "4 au total" in page
