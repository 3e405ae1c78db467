"""Bearer tokens: required, checked, revocable, their last use recorded."""

from sqlalchemy import select, update

from reuse.extensions import db
from reuse.models import ApiToken, User
from reuse.models.base import utcnow
from reuse.services import accounts, tokens, users
from tests.builders import ADMIN


def test_a_request_without_token_gets_401_in_json(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json["code"] == 401 and "bearer token" in response.json["message"]


def test_an_unknown_token_gets_401(client):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer reuse_nope"})
    assert response.status_code == 401


def test_me_says_who_the_token_belongs_to_and_records_its_use(app, client, headers):
    response = client.get("/api/v1/me", headers=headers["warehouse"])
    assert response.status_code == 200
    assert response.json["email"] == "warehouse@api.test" and response.json["role"] == "warehouse"
    assert "Authorization" in response.headers["Vary"]  # no cache gives it to another token
    with app.app_context():
        token = db.session.scalar(
            select(ApiToken).join(User).where(User.email == "warehouse@api.test")
        )
        assert token.last_used_at is not None


def test_tokens_from_the_command_line_work_until_revoked(app, client, runner):
    runner.invoke(args=["users", "create", "cli@api.test", "--role", "coordinator"])
    issued = runner.invoke(args=["users", "token", "cli@api.test", "--name", "dashboard"])
    assert issued.exit_code == 0, issued.output
    token_id, plain = issued.output.split()[1], issued.output.split()[-1]
    auth = {"Authorization": f"Bearer {plain}"}
    assert client.get("/api/v1/me", headers=auth).json["email"] == "cli@api.test"
    listed = runner.invoke(args=["users", "tokens", "cli@api.test"])
    assert "dashboard" in listed.output and "active" in listed.output
    revoked = runner.invoke(args=["users", "revoke-token", "cli@api.test", token_id])
    assert revoked.exit_code == 0, revoked.output
    assert client.get("/api/v1/me", headers=auth).status_code == 401
    with app.app_context():
        stored = db.session.scalars(select(ApiToken.token_hash)).all()
        assert plain not in stored, "tokens are stored hashed"


def _user_id(email: str) -> int:
    return db.session.scalar(select(User.id).where(User.email == email))


def test_a_deactivated_user_token_stops_working_at_once(app, client, headers):
    assert client.get("/api/v1/me", headers=headers["partner"]).status_code == 200
    with app.app_context():
        accounts.set_active(db.session, ADMIN, _user_id("partner@api.test"), False)
        db.session.commit()
    assert client.get("/api/v1/me", headers=headers["partner"]).status_code == 401


def test_a_new_role_applies_to_the_tokens_at_once(app, client, headers):
    assert client.get("/api/v1/warehouses", headers=headers["partner"]).status_code == 403
    with app.app_context():
        accounts.change_role(db.session, ADMIN, _user_id("partner@api.test"), "warehouse")
        db.session.commit()
    assert client.get("/api/v1/warehouses", headers=headers["partner"]).status_code == 200


def test_a_revoke_applies_at_once_even_if_a_request_read_the_token_before_its_commit(
    committed_app,
):
    with committed_app.app_context():
        user, _ = users.create_user(db.session, "r@race.test", "warehouse", password="p" * 12)
        token, plain = tokens.issue_token(db.session, user, "race")
        token.last_used_at = utcnow()  # no use to record: it would wait for the revoke's lock
        db.session.commit()
        user_id, token_id = user.id, token.id
    client = committed_app.test_client()
    auth = {"Authorization": f"Bearer {plain}"}
    with committed_app.app_context():
        tokens.revoke_token(db.session, db.session.get(User, user_id), token_id)
        with committed_app.app_context():  # another request, before the revoke commits
            assert client.get("/api/v1/me", headers=auth).status_code == 200
        db.session.commit()
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_a_change_made_by_another_process_applies_within_the_trust_period(
    app, client, headers, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(tokens, "_clock", lambda: now[0])
    assert client.get("/api/v1/me", headers=headers["partner"]).status_code == 200
    with app.app_context():  # as another server process or the command line would
        db.session.execute(update(ApiToken).values(revoked_at=ApiToken.created_at))
        db.session.commit()
    now[0] += tokens.TRUST_FOR - 0.1
    assert client.get("/api/v1/me", headers=headers["partner"]).status_code == 200
    now[0] += 0.2
    assert client.get("/api/v1/me", headers=headers["partner"]).status_code == 401


def test_errors_under_api_are_json_never_html(client, headers):
    for path in ("/api/v1/nowhere", "/api/v1/devices/KXBTRHNPR/nothing"):
        response = client.get(path, headers=headers["admin"])
        assert response.status_code == 404 and response.is_json
        assert set(response.json) == {"code", "status", "message", "errors"}
    response = client.put("/api/v1/me", headers=headers["admin"])
    assert response.status_code == 405 and response.is_json
