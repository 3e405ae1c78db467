"""Every form of the web UI refuses a post without its CSRF token."""

import re

import pytest

from tests.builders import make_association, make_collection, make_device, make_need

POSTS = [
    "/language",
    "/logout",
    "/collections/new",
    "/collections/{collection}/import",
    "/collections/{collection}/intake",
    "/devices/{device}/erasure",
    "/devices/{device}/edit",
    "/queue/move",
    "/sites/donor-sites",
    "/sites/warehouses",
    "/associations/new",
    "/associations/{association}/edit",
    "/programmes/new",
    "/programmes/{programme}/needs/new",
    "/needs/{need}/review",
    "/admin/users",
    "/admin/users/{user}/role",
    "/admin/users/{user}/active",
]


@pytest.fixture
def csrf_app(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_every_form_refuses_a_post_without_its_token(csrf_app, client, login, data):
    ids = data(
        lambda s: {
            "collection": make_collection(s).id,
            "device": make_device(s).code,
            "association": make_association(s).id,
            "need": (need := make_need(s)).id,
            "programme": need.programme_id,
        }
    )
    ids["user"] = login("admin")
    for url in POSTS:
        response = client.post(url.format(**ids), data={"locale": "en"})
        assert response.status_code == 400, url


def test_a_form_with_the_token_from_its_page_goes_through(csrf_app, client, login):
    login("admin")
    page = client.get("/programmes/new").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/programmes/new",
        data={
            "csrf_token": token,
            "name": "Ordinateurs solidaires",
            "partner": "Métropole de Lyon",
            "territory": "Lyon",
            "starts_on": "2026-01-01",
            "target_devices": "500",
        },
    )
    assert response.status_code == 302
