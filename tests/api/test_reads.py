"""On PostgreSQL, requests that change nothing read without a transaction (no BEGIN and ROLLBACK
round trips); changes still run in one, on both databases. Without a pool pre-ping, a connection
lost to a database restart costs one 503, then the pool is renewed."""

import json

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from api.devices import detail
from reuse.extensions import db
from reuse.models import DeviceStatus
from reuse.services import tokens, users
from tests.builders import make_device, make_need


def _driver_in_transaction(dbapi_connection) -> bool:
    if hasattr(dbapi_connection, "in_transaction"):  # sqlite3
        return dbapi_connection.in_transaction
    return dbapi_connection.info.transaction_status.name != "IDLE"  # psycopg


@pytest.fixture
def statements(committed_app):
    """(first word, whether the driver was inside a transaction) of each statement run."""
    seen: list[tuple[str, bool]] = []

    def note(connection, cursor, statement, *args):
        seen.append((statement.split()[0].upper(), _driver_in_transaction(cursor.connection)))

    with committed_app.app_context():
        engine = db.engine
    event.listen(engine, "after_cursor_execute", note)
    yield seen
    event.remove(engine, "after_cursor_execute", note)


def test_a_get_reads_without_a_transaction_and_a_post_writes_in_one(committed_app, statements):
    with committed_app.app_context():
        on_sqlite = db.engine.dialect.name == "sqlite"
        code = make_device(db.session, DeviceStatus.RECEIVED).code
        user, _ = users.create_user(db.session, "w@reads.test", "warehouse", password="p" * 12)
        _, plain = tokens.issue_token(db.session, user, "reads")
        db.session.commit()
    auth = {"Authorization": f"Bearer {plain}"}
    client = committed_app.test_client()
    statements.clear()

    read = client.get(f"/api/v1/devices/{code}", headers=auth)
    assert read.status_code == 200 and read.json["status"] == "received"
    # The token and the device, each on its own (SQLite, with no round trips to save, keeps its
    # transaction); then the token's use, in a transaction.
    reads = [entry for entry in statements if entry[0] == "SELECT"]
    assert reads == [("SELECT", on_sqlite), ("SELECT", on_sqlite)]
    assert ("UPDATE", True) in statements
    statements.clear()

    changed = client.post(
        f"/api/v1/devices/{code}/events",
        json={"kind": "graded", "grade": "A"},
        headers=auth,
    )
    assert changed.status_code == 201, changed.json
    writes = [in_transaction for word, in_transaction in statements if word in ("INSERT", "UPDATE")]
    assert writes and all(writes)
    assert client.get(f"/api/v1/devices/{code}", headers=auth).json["version"] == 3


def _drop_the_pooled_connection() -> None:
    """Kill the server side of the pool's one connection, as a database restart would."""
    db.session.remove()
    with db.engine.connect() as connection:
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    admin = sa.create_engine(db.engine.url, poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")


@pytest.fixture
def postgres_app(committed_app):
    with committed_app.app_context():
        if db.engine.dialect.name == "sqlite":
            pytest.skip("a SQLite file has no server connection to lose")
    return committed_app


def test_a_lost_database_connection_answers_503_then_the_pool_is_renewed(postgres_app):
    with postgres_app.app_context():
        code = make_device(db.session).code
        user, _ = users.create_user(db.session, "l@reads.test", "warehouse", password="p" * 12)
        _, plain = tokens.issue_token(db.session, user, "lost")
        db.session.commit()
        _drop_the_pooled_connection()
    client = postgres_app.test_client()
    auth = {"Authorization": f"Bearer {plain}"}

    lost = client.get(f"/api/v1/devices/{code}", headers=auth)
    assert lost.status_code == 503 and lost.headers["Retry-After"] == "1"
    assert lost.json["message"].startswith("The database connection was lost")
    assert client.get(f"/api/v1/devices/{code}", headers=auth).status_code == 200

    with postgres_app.app_context():
        _drop_the_pooled_connection()
    change = {"kind": "graded", "grade": "A"}
    unsure = client.post(f"/api/v1/devices/{code}/events", json=change, headers=auth)
    assert unsure.status_code == 503 and "Retry-After" not in unsure.headers
    assert "check whether your change was saved" in unsure.json["message"]


def test_a_web_page_says_the_database_was_lost_in_french(postgres_app):
    with postgres_app.app_context():
        user, _ = users.create_user(db.session, "w@lost.test", "admin", password="p" * 12)
        db.session.commit()
        user_id = user.id
        _drop_the_pooled_connection()
    postgres_app.config["PROPAGATE_EXCEPTIONS"] = False
    client = postgres_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True

    page = client.get("/")
    assert page.status_code == 503
    assert "Base de données indisponible" in page.get_data(as_text=True)
    assert client.get("/").status_code == 200


def test_any_other_database_error_is_a_500_in_json_without_details(
    app, client, headers, monkeypatch
):
    def broken(*args):
        raise sa.exc.OperationalError("SELECT secret", {}, Exception("disk full"))

    monkeypatch.setattr(detail, "device_json", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: tests re-raise by default
    response = client.get("/api/v1/devices/KXBT-RHNP-R", headers=headers["admin"])
    assert response.status_code == 500 and set(response.json) == {
        "code",
        "status",
        "message",
        "errors",
    }
    assert "secret" not in response.get_data(as_text=True)


def test_every_listing_reads_under_the_reads_set_up(committed_app):
    with committed_app.app_context():
        device = make_device(db.session, DeviceStatus.READY)
        need = make_need(db.session)
        user, _ = users.create_user(db.session, "a@reads.test", "admin", password="p" * 12)
        _, plain = tokens.issue_token(db.session, user, "lists")
        db.session.commit()
        ids = {
            "programme": need.programme_id,
            "association": need.association_id,
            "need": need.id,
            "collection": device.collection_id,
        }
    client = committed_app.test_client()
    auth = {"Authorization": f"Bearer {plain}"}
    paths = [
        "/api/v1/me",
        "/api/v1/donor-sites",
        "/api/v1/warehouses",
        "/api/v1/collections",
        f"/api/v1/collections/{ids['collection']}",
        "/api/v1/devices?status=ready&page_size=5",
        f"/api/v1/devices/{device.code}/events",
        "/api/v1/programmes",
        f"/api/v1/programmes/{ids['programme']}",
        f"/api/v1/programmes/{ids['programme']}/allocations",
        "/api/v1/associations",
        f"/api/v1/associations/{ids['association']}",
        "/api/v1/needs",
        f"/api/v1/needs/{ids['need']}",
    ]
    for path in paths:
        response = client.get(path, headers=auth)
        assert response.status_code == 200, (path, response.json)
    listed = client.get("/api/v1/devices?status=ready", headers=auth)
    assert [d["code"] for d in listed.json] == [device.code]
    assert json.loads(listed.headers["X-Pagination"])["total"] == 1
