"""Printing labels from the web: PDFs that open in the browser, scannable, recorded, permitted."""

import html
import re

import pytest
from flask import render_template
from flask_login import login_user
from sqlalchemy import select

from labels import LAYOUTS
from reuse import codes
from reuse.extensions import db
from reuse.models import DeviceEvent, User
from reuse.services import users
from tests.builders import make_collection, make_device
from tests.labels.scan import decode_pdf, pdf_page_sizes, rasterise_pdf
from tests.labels.test_pdf import placed

PASSWORD = "correct horse battery"
PUBLIC = "https://reuse.test"


def sign_in(app, client, role: str = "warehouse") -> None:
    email = f"{role}@example.org"
    with app.app_context():
        users.create_user(db.session, email, role, password=PASSWORD)
        db.session.commit()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302


def devices(app, count: int = 1) -> tuple[int, list[str]]:
    """A collection of count devices: its id and their codes, committed."""
    with app.app_context():
        collection = make_collection(db.session, reference="COL-2026/11 Gerland")
        found = [make_device(db.session, collection_id=collection.id).code for _ in range(count)]
        db.session.commit()
        return collection.id, found


def printed(app) -> list[tuple[str, dict]]:
    with app.app_context():
        rows = db.session.scalars(
            select(DeviceEvent).where(DeviceEvent.kind == "label_printed").order_by(DeviceEvent.id)
        )
        return [(event.device.code, event.payload) for event in rows]


def url(code: str) -> str:
    return f"{PUBLIC}/d/{code}"


def test_one_device_prints_a_pdf_that_opens_in_the_browser_and_scans(app, client):
    sign_in(app, client)
    _, (code,) = devices(app)
    response = client.get(f"/devices/{code}/labels.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert (
        response.headers["Content-Disposition"]
        == f'inline; filename="labels-{codes.display(code)}.pdf"'
    )
    # One page rasterised with pypdfium2, its QR codes read back with zxing-cpp.
    (image,) = rasterise_pdf(response.data, dpi=200)
    assert image.size == (round(210 / 25.4 * 200), round(297 / 25.4 * 200))
    (page,) = decode_pdf(response.data, dpi=200)
    assert placed(LAYOUTS["L7160"], page) == {0: url(code)}
    assert printed(app) == [(code, {"format": "pdf", "layout": "L7160", "copies": 1})]


def test_a_device_code_in_the_path_may_be_typed_in_any_accepted_form(app, client):
    sign_in(app, client)
    _, (code,) = devices(app)
    response = client.get(f"/devices/{codes.display(code).lower()}/labels.pdf")
    assert response.status_code == 200


def test_a_thermal_label_prints_one_page_per_copy(app, client):
    sign_in(app, client)
    _, (code,) = devices(app)
    response = client.get(f"/devices/{code}/labels.pdf?layout=thermal-50x25&copies=2")
    assert response.status_code == 200
    assert pdf_page_sizes(response.data) == [pytest.approx((50, 25), abs=0.01)] * 2
    assert [[found.text for found in page] for page in decode_pdf(response.data, dpi=300)] == [
        [url(code)]
    ] * 2
    assert printed(app) == [(code, {"format": "pdf", "layout": "thermal-50x25", "copies": 2})]


def test_a_collection_prints_its_devices_in_order_after_the_skipped_positions(app, client):
    sign_in(app, client)
    collection_id, found = devices(app, 3)
    response = client.get(f"/collections/{collection_id}/labels.pdf?layout=L7163&skip=4")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'inline; filename="labels-COL-2026_11_Gerland.pdf"'
    )
    (page,) = decode_pdf(response.data)
    assert placed(LAYOUTS["L7163"], page) == {4 + i: url(code) for i, code in enumerate(found)}
    assert [code for code, _ in printed(app)] == found


def test_a_selection_of_posted_codes_prints_one_sheet(app, client):
    sign_in(app, client)
    _, found = devices(app, 3)
    posted = [url(found[2]), codes.display(found[0]).lower()]
    response = client.post(
        "/labels/sheet.pdf", data={"codes": posted, "layout": "L7160", "copies": "2"}
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'inline; filename="labels.pdf"'
    (page,) = decode_pdf(response.data)
    expected = [url(found[2])] * 2 + [url(found[0])] * 2
    assert placed(LAYOUTS["L7160"], page) == dict(enumerate(expected))
    assert [code for code, _ in printed(app)] == [found[2], found[0]]


def test_a_selection_may_name_its_field_code_as_the_device_lists_do(app, client):
    sign_in(app, client)
    _, found = devices(app, 2)
    response = client.post("/labels/sheet.pdf", data={"code": found, "kind": "received"})
    assert response.status_code == 200
    assert [code for code, _ in printed(app)] == found


def test_the_selection_form_needs_its_csrf_token(app, client):
    sign_in(app, client)
    _, (code,) = devices(app)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/labels/sheet.pdf", data={"codes": [code]}).status_code == 400
    page = client.get("/no-such-page").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/labels/sheet.pdf", data={"codes": [code], "csrf_token": token})
    assert response.status_code == 200
    assert len(printed(app)) == 1


def test_a_bad_code_in_a_selection_is_named_and_nothing_is_printed(app, client):
    sign_in(app, client)
    _, (code,) = devices(app)
    wrong = code[:8] + ("C" if code[8] == "B" else "B")
    response = client.post("/labels/sheet.pdf", data={"codes": [code, wrong]})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert codes.display(wrong) in response.text
    assert printed(app) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("skip=21", "between 0 and 20 on L7160"),
        ("skip=two", "'two' is not a whole number"),
        ("layout=A5", "'A5' is not one of"),
        ("copies=0", "between 1 and 100"),
        ("layout=thermal-50x25&skip=3", "one label a page"),
    ],
)
def test_bad_print_options_get_a_clear_page(app, client, query, message):
    sign_in(app, client)
    _, (code,) = devices(app)
    response = client.get(f"/devices/{code}/labels.pdf?{query}")
    assert response.status_code == 400
    assert message in html.unescape(response.text)
    assert printed(app) == []


def test_unknown_devices_and_collections_are_not_found(app, client):
    sign_in(app, client)
    assert client.get("/devices/BBBBBBBBB/labels.pdf").status_code == 404
    assert client.get("/collections/999999/labels.pdf").status_code == 404
    response = client.get("/devices/KXBTRHNPX/labels.pdf")
    assert response.status_code == 400 and "KXBT-RHNP-X" in response.text


def test_an_empty_selection_is_refused(app, client):
    sign_in(app, client)
    assert client.post("/labels/sheet.pdf", data={"codes": ["", " "]}).status_code == 400
    with app.app_context():
        collection_id = make_collection(db.session).id
        db.session.commit()
    assert client.get(f"/collections/{collection_id}/labels.pdf").status_code == 400


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_roles_without_the_label_permission_are_forbidden(app, client, role):
    sign_in(app, client, role)
    collection_id, (code,) = devices(app)
    assert client.get(f"/devices/{code}/labels.pdf").status_code == 403
    assert client.get(f"/collections/{collection_id}/labels.pdf").status_code == 403
    assert client.post("/labels/sheet.pdf", data={"codes": [code]}).status_code == 403
    assert printed(app) == []


def test_an_administrator_may_print(app, client):
    sign_in(app, client, "admin")
    _, (code,) = devices(app)
    assert client.get(f"/devices/{code}/labels.pdf").status_code == 200


def test_printing_needs_a_signed_in_user(app, client):
    _, (code,) = devices(app)
    response = client.get(f"/devices/{code}/labels.pdf")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert printed(app) == []


def _render_form(app, role: str, **variables) -> str:
    with app.app_context():
        user, _ = users.create_user(db.session, f"{role}-form@example.org", role, password=PASSWORD)
        db.session.commit()
        user_id = user.id
    with app.test_request_context("/"):
        login_user(db.session.get(User, user_id))
        return render_template("labels_print_form.html", **variables)


def test_the_print_form_partial_offers_every_stock_to_those_who_may_print(app):
    html = _render_form(app, "warehouse", labels_url="/devices/KXBTRHNPR/labels.pdf")
    assert 'action="/devices/KXBTRHNPR/labels.pdf"' in html and 'method="get"' in html
    assert re.findall(r'<option value="([^"]+)"', html) == list(LAYOUTS)
    assert 'name="skip"' in html and 'name="copies"' in html
    assert "csrf_token" not in html


def test_the_print_form_posts_a_selection_with_its_token(app):
    html = _render_form(
        app, "admin", labels_url="/labels/sheet.pdf", labels_codes=["KXBTRHNPR", "DFGHJKNPV"]
    )
    assert 'method="post"' in html and 'name="csrf_token"' in html
    assert re.findall(r'name="codes" value="([^"]+)"', html) == ["KXBTRHNPR", "DFGHJKNPV"]


def test_the_print_form_is_hidden_from_those_who_may_not_print(app):
    html = _render_form(app, "coordinator", labels_url="/devices/KXBTRHNPR/labels.pdf")
    assert html.strip() == ""


def test_a_web_print_of_more_labels_than_a_request_can_draw_is_refused_clearly(
    app, client, monkeypatch
):
    from reuse.web import labels as web_labels

    monkeypatch.setattr(web_labels, "MOST_LABELS", 3)
    with app.app_context():
        collection = make_collection(db.session)
        for _ in range(2):
            make_device(db.session, collection_id=collection.id)
        db.session.commit()
        collection_id = collection.id
    sign_in(app, client)
    response = client.get(f"/collections/{collection_id}/labels.pdf?copies=2")
    assert response.status_code == 400
    assert "flask labels" in response.text
    assert client.get(f"/collections/{collection_id}/labels.pdf").status_code == 200
