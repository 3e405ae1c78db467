"""Flask commands as a person runs them: exit codes, messages, what they write."""

from sqlalchemy import func, select

from reuse.extensions import db
from reuse.models import Device, Role, User
from tests.builders import make_association, make_collection

GOOD = (
    "Serial,Category,Brand,Model,RAM\nS1,Desktop,Dell,OptiPlex 3060,8GB\nS2,Laptop,HP,840 G5,16\n"
)
BAD = "Serial,Category,Brand\nS1,Desktop,Dell\nS2,Toaster,HP\nS1,Desktop,Dell\n"


def _collection_id(app) -> int:
    with app.app_context():
        collection_id = make_collection(db.session).id
        db.session.commit()
    return collection_id


def _devices(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Device))


def test_import_devices_imports_a_file_and_says_how_many(app, runner, tmp_path):
    path = tmp_path / "parc.csv"
    path.write_text(GOOD)
    result = runner.invoke(args=["import-devices", str(path), "--collection", _collection_id(app)])
    assert result.exit_code == 0, result.output
    assert "imported 2 device(s)" in result.output
    assert _devices(app) == 2


def test_import_devices_dry_run_writes_nothing(app, runner, tmp_path):
    path = tmp_path / "parc.csv"
    path.write_text(GOOD)
    collection = _collection_id(app)
    result = runner.invoke(
        args=["import-devices", str(path), "--collection", collection, "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "would be imported" in result.output
    assert _devices(app) == 0


def test_a_refused_import_lists_every_error_and_exits_non_zero(app, runner, tmp_path):
    path = tmp_path / "parc.csv"
    path.write_text(BAD)
    result = runner.invoke(args=["import-devices", str(path), "--collection", _collection_id(app)])
    assert result.exit_code == 1
    assert "row 3, column 'Category'" in result.output
    assert "row 4, column 'Serial'" in result.output
    assert "nothing was written: 2 error(s)" in result.output
    assert _devices(app) == 0


def test_import_devices_into_an_unknown_collection_fails_clearly(runner, tmp_path):
    path = tmp_path / "parc.csv"
    path.write_text(GOOD)
    result = runner.invoke(args=["import-devices", str(path), "--collection", "424242"])
    assert result.exit_code == 1 and "no collection with id 424242" in result.output


def test_users_create_prints_a_generated_password_that_works(app, runner):
    result = runner.invoke(args=["users", "create", "Ana@Example.org", "--role", "warehouse"])
    assert result.exit_code == 0, result.output
    password = result.output.strip().rsplit(" ", 1)[-1]
    client = app.test_client()
    response = client.post("/login", data={"email": "ana@example.org", "password": password})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_users_create_for_an_association_needs_its_id(app, runner):
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "association"])
    assert result.exit_code == 1 and "association_id" in result.output
    with app.app_context():
        association_id = make_association(db.session).id
        db.session.commit()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "a@example.org",
            "--role",
            "association",
            "--association-id",
            association_id,
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "a@example.org"))
        assert (user.role, user.association_id) == (Role.ASSOCIATION, association_id)


def test_users_create_refuses_a_duplicate_and_a_short_password(runner):
    assert (
        runner.invoke(args=["users", "create", "b@example.org", "--role", "admin"]).exit_code == 0
    )
    again = runner.invoke(args=["users", "create", "B@example.org", "--role", "admin"])
    assert again.exit_code == 1 and "already exists" in again.output
    short = runner.invoke(
        args=["users", "create", "c@example.org", "--role", "admin", "--password", "short"]
    )
    assert short.exit_code == 1 and "at least 10 characters" in short.output
