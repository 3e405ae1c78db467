"""API fixtures: one user and bearer token per role."""

import pytest

from reuse.extensions import db
from reuse.models import Role
from reuse.services import tokens, users
from tests.builders import make_association


@pytest.fixture
def headers(app) -> dict[str, dict[str, str]]:
    """Authorization headers per role; the association user belongs to `own_association`."""
    result = {}
    with app.app_context():
        association = make_association(db.session, name="Mon Asso")
        for role in Role:
            user, _ = users.create_user(
                db.session,
                f"{role.value}@api.test",
                role,
                password="p" * 12,
                association_id=association.id if role == Role.ASSOCIATION else None,
            )
            _, plain = tokens.issue_token(db.session, user, "tests")
            result[role.value] = {"Authorization": f"Bearer {plain}"}
        db.session.commit()
        result["association_id"] = association.id
    return result
