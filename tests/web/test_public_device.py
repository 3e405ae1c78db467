"""The public device page a label's QR code opens: no sign-in, nothing personal, clear refusals."""

from datetime import UTC, datetime

import pytest

from reuse import codes
from reuse.extensions import db
from reuse.models import DeviceStatus, ErasureRecord, Outcome
from reuse.services import users
from reuse.web.labels import DEVICE_PAGES
from tests.builders import make_association, make_device
from tests.services.test_labelling import allocate

PASSWORD = "correct horse battery"
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
SECRETS = ("SN-SECRET-0042", "TAG-SECRET-7", "Telco Secrète")


def device(app, status=DeviceStatus.READY, programme: str | None = None, **overrides) -> str:
    """A device with a serial, an asset tag and a donor that must never show; its code."""
    with app.app_context():
        found = make_device(
            db.session,
            status=status,
            category="laptop",
            manufacturer="Lenovo",
            model="ThinkPad T480",
            cpu="i5-8350U",
            serial_number=SECRETS[0],
            asset_tag=SECRETS[1],
            donor_organisation=SECRETS[2],
            **overrides,
        )
        if programme:
            allocate(db.session, found, programme)
        db.session.commit()
        return found.code


def sign_in(app, client, role: str) -> None:
    email = f"{role}@example.org"
    with app.app_context():
        association_id = make_association(db.session).id if role == "association" else None
        users.create_user(db.session, email, role, password=PASSWORD, association_id=association_id)
        db.session.commit()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302


def test_anyone_reads_what_the_device_is_and_that_its_data_was_erased(app, client):
    code = device(app)
    response = client.get(f"/d/{code}", headers=ENGLISH)
    assert response.status_code == 200
    page = response.text
    assert "Laptop" in page and "Lenovo ThinkPad T480" in page
    assert codes.display(code) in page
    assert "i5-8350U · 8 GB · SSD 256 GB" not in page  # the builder records no storage type
    assert "i5-8350U · 8 GB · 256 GB" in page
    assert "B, visible wear" in page
    assert "Refurbished by" in page and "Reuse" in page
    today = datetime.now(UTC)
    assert f"{today:%B} {today.day}, {today.year}" in page
    assert "Method: Purge, a block or cryptographic erase, as NIST SP 800-88 defines it." in page
    assert "Programme" not in page


def test_the_page_speaks_french_first(app, client):
    code = device(app)
    page = client.get(f"/d/{code}").text
    assert '<html lang="fr">' in page
    assert "Portable" in page and "8 Go" in page
    assert "Reconditionné par" in page and "Effacement des données" in page


def test_the_page_never_shows_personal_data_the_donor_nor_who_received_it(app, client):
    code = device(app, programme="Ville de Lyon 2026")
    with app.app_context():
        from reuse.models import Association

        names = [association.name for association in db.session.query(Association)]
    page = client.get(f"/d/{code}", headers=ENGLISH).text
    assert "Ville de Lyon 2026" in page
    for secret in (*SECRETS, *names):
        assert secret not in page


def test_the_refurbisher_comes_from_the_configuration(app, client):
    app.config["REUSE_REFURBISHER_NAME"] = "Atelier Numérique Solidaire"
    code = device(app)
    assert "Atelier Numérique Solidaire" in client.get(f"/d/{code}").text


def test_a_device_without_storage_says_so(app, client):
    code = device(app, status=DeviceStatus.RECEIVED)
    with app.app_context():
        from reuse.services.devices import find

        found = find(db.session, code)
        db.session.add(
            ErasureRecord(
                device_id=found.id,
                cycle=found.cycle,
                method="no-storage",
                result=Outcome.PASSED,
                operator="t",
                ended_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
            )
        )
        db.session.commit()
    page = client.get(f"/d/{code}", headers=ENGLISH).text
    assert "No storage to erase (checked on November 20, 2026)." in page


def test_a_device_still_in_refurbishment_has_no_erasure_yet(app, client):
    code = device(app, status=DeviceStatus.RECEIVED)
    page = client.get(f"/d/{code}", headers=ENGLISH).text
    assert "Not recorded yet" in page


@pytest.mark.parametrize("form", ["display", "lower", "spaced"])
def test_the_code_in_the_address_may_be_in_any_accepted_form(app, client, form):
    code = device(app)
    typed = {
        "display": codes.display(code),
        "lower": code.lower(),
        "spaced": codes.display(code).replace("-", " "),
    }[form]
    assert client.get(f"/d/{typed}").status_code == 200


def test_an_invalid_code_gets_a_clear_page_that_says_how_to_read_one(app, client):
    response = client.get("/d/KXBT-RHNP-X", headers=ENGLISH)
    assert response.status_code == 400
    page = response.text
    assert "This device code is not valid" in page
    assert '<code class="public-inline-code">KXBT-RHNP-X</code> is not a device code' in page
    assert "How to read a device code" in page and "B C D E F G H J K N P R S T V X" in page
    assert 'name="code"' in page
    french = client.get("/d/hello").text
    assert "Ce code d’appareil n’est pas valide" in french


def test_an_unknown_valid_code_is_not_found(app, client):
    response = client.get("/d/BBBB-BBBB-B", headers=ENGLISH)
    assert response.status_code == 404
    assert "No device has the code" in response.text and "BBBB-BBBB-B" in response.text


def test_the_lookup_form_sends_a_typed_code_to_its_page(app, client):
    code = device(app)
    response = client.get("/d", query_string={"code": codes.display(code).lower()})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/d/{code}"
    assert client.get("/d").status_code == 400
    response = client.get("/d", query_string={"code": "https://reuse.test/d/KXBT"})
    assert response.status_code == 400 and "https://reuse.test/d/KXBT" in response.text


@pytest.fixture
def device_page(app) -> str:
    """The full device page's endpoint: the real one if the app has it, else a stand-in."""
    for endpoint in DEVICE_PAGES:
        if endpoint in app.view_functions:
            return endpoint
    app.add_url_rule("/devices/<code>", "devices.detail", lambda code: f"detail {code}")
    return "devices.detail"


@pytest.mark.parametrize("role", ["warehouse", "coordinator", "admin"])
def test_signed_in_staff_are_sent_on_to_the_full_device_page(app, device_page, client, role):
    code = device(app)
    sign_in(app, client, role)
    response = client.get(f"/d/{codes.display(code)}")
    assert response.status_code == 302
    with app.test_request_context():
        from flask import url_for

        assert response.headers["Location"] == url_for(device_page, code=code)


@pytest.mark.parametrize("role", ["association", "partner"])
def test_associations_and_partners_see_the_public_page(app, device_page, client, role):
    code = device(app)
    sign_in(app, client, role)
    assert client.get(f"/d/{code}").status_code == 200


def test_staff_see_the_public_page_while_the_full_page_does_not_exist(app, client, monkeypatch):
    for endpoint in DEVICE_PAGES:
        monkeypatch.delitem(app.view_functions, endpoint, raising=False)
    code = device(app)
    sign_in(app, client, "warehouse")
    assert client.get(f"/d/{code}").status_code == 200


def test_what_was_typed_is_shown_back_escaped(app, client):
    response = client.get("/d/%3Cscript%3Ealert(1)")
    assert response.status_code == 400
    assert "<script>" not in response.text and "&lt;script&gt;alert(1)" in response.text
