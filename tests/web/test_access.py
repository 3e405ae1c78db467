"""Every page answers each role as DESIGN section 11 says: the page, a redirect, or 403."""

import pytest

from reuse.models import DeviceStatus
from tests.builders import (
    make_association,
    make_collection,
    make_device,
    make_need,
    make_programme,
)

ROLES = ("admin", "coordinator", "warehouse", "association", "partner")
ALL = set(ROLES)
STAFF = {"admin", "coordinator", "warehouse"}
WAREHOUSE = {"admin", "warehouse"}
COORDINATION = {"admin", "coordinator"}

#: page -> roles that get it (200); the others get 403
PAGES = {
    "/devices/": STAFF,
    "/devices/{device}": STAFF,
    "/devices/{device}/edit": WAREHOUSE,
    "/queue/": WAREHOUSE,
    "/queue/?stage=refurbishing": WAREHOUSE,
    "/collections/": STAFF,
    "/collections/new": WAREHOUSE,
    "/collections/{collection}": STAFF,
    "/collections/{collection}/import": WAREHOUSE,
    "/collections/{collection}/intake": WAREHOUSE,
    "/intake/serial-check?serial=SN1": WAREHOUSE,
    "/sites/": WAREHOUSE,
    "/associations/new": COORDINATION,
    "/associations/{own}": COORDINATION | {"association"},
    "/associations/{other}": COORDINATION,
    "/associations/{own}/edit": COORDINATION,
    "/programmes/": ALL - {"warehouse"},
    "/programmes/new": COORDINATION,
    "/programmes/{programme}": ALL - {"warehouse"},
    "/programmes/{programme}/edit": COORDINATION,
    "/programmes/{programme}/needs": COORDINATION | {"association"},
    "/programmes/{programme}/needs/new": COORDINATION | {"association"},
    "/admin/users": {"admin"},
}


@pytest.fixture
def ids(data):
    def build(session):
        own = make_association(session)
        programme = make_programme(session)
        make_need(session, association_id=own.id, programme_id=programme.id)
        return {
            "device": make_device(session, status=DeviceStatus.REFURBISHING).code,
            "collection": make_collection(session).id,
            "programme": programme.id,
            "own": own.id,
            "other": make_association(session).id,
        }

    return data(build)


@pytest.mark.parametrize("role", ROLES)
def test_each_page_opens_for_the_roles_that_may_see_it_and_refuses_the_others(
    client, login, ids, role
):
    login(role, association_id=ids["own"] if role == "association" else None)
    for page, allowed in PAGES.items():
        response = client.get(page.format(**ids))
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, (page, role, response.status_code)
        if expected == 403:
            assert "Accès refusé" in response.text


def test_an_association_user_gets_403_on_another_association_and_its_needs(client, login, ids):
    login("association", association_id=ids["own"])
    response = client.get(f"/associations/{ids['other']}")
    assert response.status_code == 403
    assert "Accès refusé" in response.text
    page = client.get(f"/programmes/{ids['programme']}/needs").text
    assert f'data-association="{ids["own"]}"' in page
    assert f'data-association="{ids["other"]}"' not in page


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("admin", None),
        ("coordinator", None),
        ("warehouse", None),
        ("association", "/associations/{own}"),
        ("partner", "/programmes/"),
    ],
)
def test_the_home_page_is_the_dashboard_for_staff_and_each_other_roles_own_page(
    client, login, ids, role, target
):
    login(role, association_id=ids["own"] if role == "association" else None)
    response = client.get("/")
    if target is None:
        assert response.status_code == 200
        assert "Tableau de bord" in response.text
    else:
        assert response.status_code == 302
        assert response.headers["Location"] == target.format(**ids)


def test_an_association_user_is_sent_from_the_association_list_to_its_own_page(client, login, ids):
    login("association", association_id=ids["own"])
    response = client.get("/associations/")
    assert response.headers["Location"] == f"/associations/{ids['own']}"


def test_pages_ask_to_sign_in_first(client, ids):
    for page in PAGES:
        response = client.get(page.format(**ids))
        assert response.status_code == 302, page
        assert response.headers["Location"].startswith("/login")


#: Views open to anyone (sign-in, the language switch) or to anyone signed in (the home page
#: sends each role to its own page).
UNGUARDED = {"auth.login", "auth.logout", "language.switch", "home.index", "static"}


def test_every_web_view_is_guarded_by_a_permission_of_the_table(app):
    from reuse.permissions import PERMISSIONS

    known = set().union(*PERMISSIONS.values()) | {"users.write"}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or rule.endpoint in UNGUARDED:
            continue
        if rule.endpoint.startswith("labels.") or rule.endpoint.startswith("api"):
            continue
        view = app.view_functions[rule.endpoint]
        action = getattr(view, "required_permission", None)
        assert action in known, f"{rule.endpoint} ({rule.rule}) is not guarded"
