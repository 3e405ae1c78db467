"""Signing in and the home page's stock counts."""

import re

from reuse.extensions import db
from reuse.models import DeviceStatus
from reuse.services import users
from tests.builders import make_device

PASSWORD = "correct horse battery"


def _user(app, role="warehouse", email="ana@example.org"):
    with app.app_context():
        users.create_user(db.session, email, role, password=PASSWORD)
        db.session.commit()


def _sign_in(client, email="ana@example.org", password=PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


def test_the_home_page_asks_to_sign_in_first(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(app, client):
    _user(app)
    response = _sign_in(client, password="wrong password")
    assert response.status_code == 200
    assert "Adresse e-mail inconnue ou mot de passe incorrect." in response.text
    assert client.get("/").status_code == 302


def test_signing_in_returns_to_the_page_asked_but_never_to_another_site(app, client):
    _user(app)
    response = client.post("/login?next=/", data={"email": "ANA@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post(
        "/login?next=https://evil.example/", data={"email": "ana@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_the_home_page_counts_stock_by_status_and_category(app, client):
    _user(app)
    with app.app_context():
        for status in (DeviceStatus.READY, DeviceStatus.READY, DeviceStatus.RECEIVED):
            make_device(db.session, status=status, category="laptop")
        make_device(db.session, status=DeviceStatus.READY, category="desktop")
        db.session.commit()
    _sign_in(client)
    page = client.get("/").text
    cell = re.search(r'data-status="ready" data-category="laptop">(\d+)<', page)
    assert cell and cell.group(1) == "2"
    total = re.search(r'class="total" data-status="ready">(\d+)<', page)
    assert total and total.group(1) == "3"
    assert "4 appareils au total." in page


def test_the_page_speaks_english_when_the_browser_asks(app, client):
    _user(app)
    _sign_in(client)
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert "Devices by status and category" in page and "Ready" in page
    page = client.get("/", headers={"Accept-Language": "fr-FR"}).text
    assert "Appareils par statut et catégorie" in page and "Prêt" in page


def test_signing_out_ends_the_session(app, client):
    _user(app)
    _sign_in(client)
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_a_deactivated_user_cannot_sign_in(app, client):
    _user(app)
    with app.app_context():
        from sqlalchemy import select

        from reuse.models import User

        db.session.scalar(select(User)).active = False
        db.session.commit()
    _sign_in(client)
    assert client.get("/").status_code == 302


def test_forms_refuse_a_post_without_the_csrf_token(database_url):
    from tests.conftest import make_app

    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/login", data={"email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 400
    page = client.get("/login").text
    assert 'name="csrf_token"' in page


def test_text_with_a_nul_character_is_refused_before_reaching_the_database(app, client):
    _user(app)
    response = client.post("/login", data={"email": "ana@example.org\x00", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/login?next=/\x00").status_code == 400
