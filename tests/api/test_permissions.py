"""Every API endpoint has a permission rule, and every role's token is held to it."""

import re

import pytest

from api.permissions import AUTHENTICATED, ENDPOINTS, PUBLIC
from reuse import permissions
from reuse.models import Role


def api_routes(app):
    """(endpoint, method, path) of every route under /api/."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, method, rule.rule


def test_every_api_endpoint_has_a_permission_rule(app):
    missing = [
        f"{method} {path} ({endpoint})"
        for endpoint, method, path in api_routes(app)
        if method not in ENDPOINTS.get(endpoint, {})
    ]
    assert missing == [], "add these to api/permissions.py ENDPOINTS"


def test_the_permission_table_names_only_existing_endpoints(app):
    existing = {(endpoint, method) for endpoint, method, _ in api_routes(app)}
    stale = [
        (endpoint, method)
        for endpoint, methods in ENDPOINTS.items()
        for method in methods
        if (endpoint, method) not in existing
    ]
    assert stale == []


def _concrete(path: str) -> str:
    path = re.sub(r"<(?:int|id):[a-z_]+>", "999999", path)
    path = re.sub(r"<path:[a-z_]+>", "swagger-ui/swagger-ui.css", path)
    return re.sub(r"<[a-z_]+>", "KXBTRHNPR", path)


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_each_role_token_is_allowed_exactly_what_the_table_says(app, client, headers, role):
    for endpoint, method, path in api_routes(app):
        rule = ENDPOINTS[endpoint][method]
        response = client.open(_concrete(path), method=method, headers=headers[role], json={})
        response.close()
        allowed = rule in (PUBLIC, AUTHENTICATED) or permissions.allows(role, rule)
        if allowed:
            assert response.status_code != 403, f"{role} refused {method} {path}"
        else:
            assert response.status_code == 403, f"{role} allowed {method} {path}"
            assert response.json["message"]


def test_without_token_only_public_endpoints_answer(app, client):
    for endpoint, method, path in api_routes(app):
        response = client.open(_concrete(path), method=method, json={})
        response.close()
        if ENDPOINTS[endpoint][method] == PUBLIC:
            assert response.status_code != 401, path
        else:
            assert response.status_code == 401, f"{method} {path}"
