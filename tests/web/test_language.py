"""The language switch: kept in the session, and on the account of a signed-in user."""

from reuse.extensions import db
from reuse.models import User


def test_switching_to_english_translates_the_pages_and_is_remembered_on_the_account(
    app, client, login
):
    user_id = login("warehouse")
    assert "Tableau de bord" in client.get("/").text
    response = client.post("/language", data={"locale": "en", "next": "/queue/?stage=ready"})
    assert response.headers["Location"] == "/queue/?stage=ready"
    page = client.get("/").text
    assert "Dashboard" in page and "Waiting at each stage" in page
    assert '<html lang="en">' in page
    with app.app_context():
        assert db.session.get(User, user_id).locale == "en"
    client.post("/language", data={"locale": "fr"})
    assert "Tableau de bord" in client.get("/").text


def test_the_chosen_language_follows_the_user_to_a_new_session(app, client, make_user):
    user_id = make_user("warehouse", locale="en")
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
    page = client.get("/", headers={"Accept-Language": "fr-FR"}).text
    assert "Waiting at each stage" in page


def test_the_switch_works_before_signing_in_and_never_leaves_the_site(client):
    response = client.post("/language", data={"locale": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    response = client.post("/language", data={"locale": "en", "next": "//evil.example/x"})
    assert response.headers["Location"] == "/"
    assert "Sign in" in client.get("/login").text
    client.post("/language", data={"locale": "xx"})
    assert "Sign in" in client.get("/login").text
