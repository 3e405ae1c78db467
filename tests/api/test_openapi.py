"""The OpenAPI document is valid, and the API keeps to it under generated requests."""

import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from reuse.extensions import db
from tests.builders import make_device


def test_the_openapi_document_is_valid_openapi_3(client):
    document = client.get("/api/v1/openapi.json").json
    validate(document)
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/devices/{code}/events",
        "/api/v1/collections/{collection_id}/import",
        "/api/v1/needs/{need_id}/approve",
        "/api/v1/me",
    } <= set(document["paths"])
    device = document["paths"]["/api/v1/devices/{code}"]
    for method, status in (("get", "200"), ("patch", "200")):
        assert "ETag" in device[method]["responses"][status]["headers"]


def test_the_docs_page_is_served_from_local_assets(client):
    page = client.get("/api/v1/docs").text
    assert "/api/v1/assets/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    asset = client.get("/api/v1/assets/swagger-ui/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()


def test_generated_requests_never_get_a_server_error_and_match_the_schema(app, headers):
    """Whatever a client sends to any operation, the API answers in its documented shape and
    never with a server error."""
    with app.app_context():
        make_device(db.session)
        db.session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    checks = [
        schemathesis.checks.not_a_server_error,
        schemathesis.checks.response_schema_conformance,
        schemathesis.checks.content_type_conformance,
    ]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def exchange(case):
            case.call_and_validate(headers=headers["admin"], checks=checks)

        exchange()
