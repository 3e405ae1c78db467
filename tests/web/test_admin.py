"""User administration: create, change a role, deactivate; an admin cannot lock everyone out."""

import re

from sqlalchemy import select

from reuse.extensions import db
from reuse.models import Role, User
from tests.builders import make_association


def _user(app, email):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def test_an_admin_creates_a_user_and_is_shown_the_generated_password_once(app, client, login):
    login("admin")
    response = client.post(
        "/admin/users", data={"email": "Nadia@Example.org", "role": "warehouse", "name": "Nadia"}
    )
    assert response.status_code == 302
    page = client.get("/admin/users").text
    assert re.search(r"Son mot de passe, affiché une seule fois : \S{12,}", page)
    assert _user(app, "nadia@example.org").role == Role.WAREHOUSE
    assert "Son mot de passe" not in client.get("/admin/users").text


def test_user_errors_are_shown_by_field(client, login):
    login("admin")
    response = client.post("/admin/users", data={"email": "nobody", "role": "association"})
    assert response.status_code == 422
    assert 'data-error-for="email">« nobody » n’est pas une adresse e-mail' in response.text
    assert 'data-error-for="association_id">l’utilisateur d’une association doit' in response.text
    response = client.post(
        "/admin/users", data={"email": "a@example.org", "role": "partner", "password": "short"}
    )
    assert 'data-error-for="password">utilisez au moins 10 caractères' in response.text


def test_a_role_changes_and_an_association_user_names_its_association(app, client, login, data):
    association_id = data(lambda s: make_association(s).id)
    login("admin")
    client.post("/admin/users", data={"email": "b@example.org", "role": "partner"})
    user_id = _user(app, "b@example.org").id
    response = client.post(f"/admin/users/{user_id}/role", data={"role": "association"})
    assert response.status_code == 422
    assert "doit être rattaché à son association" in response.text
    response = client.post(
        f"/admin/users/{user_id}/role",
        data={"role": "association", "association_id": association_id},
    )
    assert response.status_code == 302
    user = _user(app, "b@example.org")
    assert (user.role, user.association_id) == (Role.ASSOCIATION, association_id)


def test_a_deactivated_user_is_listed_as_such_and_the_last_admin_stays(app, client, login):
    admin_id = login("admin")
    client.post("/admin/users", data={"email": "c@example.org", "role": "warehouse"})
    user_id = _user(app, "c@example.org").id
    assert client.post(f"/admin/users/{user_id}/active", data={"active": "0"}).status_code == 302
    assert _user(app, "c@example.org").active is False
    assert re.search(
        rf'<tr data-user="{user_id}" class="inactive">', client.get("/admin/users").text
    )
    response = client.post(f"/admin/users/{admin_id}/active", data={"active": "0"})
    assert response.status_code == 409
    assert "vous ne pouvez pas désactiver votre propre compte" in response.text
    response = client.post(f"/admin/users/{admin_id}/role", data={"role": "coordinator"})
    assert "vous ne pouvez pas vous retirer vous-même le rôle" in response.text
