"""Flask commands: `flask --app wsgi demo | users | import-devices ...`."""

import json
import os
import secrets
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from reuse import database
from reuse.errors import ImportRejected, ReuseError
from reuse.extensions import db
from reuse.models import Role, User
from reuse.services import users as user_service
from reuse.services.actors import Actor

users_cli = AppGroup("users", help="Manage user accounts.")


def register_commands(app: Flask) -> None:
    """Add every command to the app's CLI."""
    app.cli.add_command(demo_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(import_devices_command)


def _fail(error: ReuseError) -> None:
    db.session.rollback()
    raise click.ClickException(error.message)


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--association-id", type=int, help="For the association role: its association.")
@click.option("--password", help="At least 10 characters; a random one is printed if omitted.")
@click.option("--name", help="The person's name.")
def create_user_command(email, role, association_id, password, name):
    """Create a user with a role."""
    try:
        user, password = user_service.create_user(
            db.session, email, role, password=password, association_id=association_id, name=name
        )
    except ReuseError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"created {user.email} ({user.role.value}), password: {password}")


@click.command("import-devices")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--collection", "collection_id", type=int, required=True, help="Collection id.")
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
@with_appcontext
def import_devices_command(file: Path, collection_id: int, dry_run: bool):
    """Import an operator's asset list (CSV or XLSX) into a collection, all or nothing."""
    from reuse.services import device_import

    with click.progressbar(length=100, label=f"Importing {file.name}", file=sys.stderr) as bar:

        def progress(done: float) -> None:
            bar.update(round(done * 100) - bar.pos)

        try:
            report = device_import.import_devices(
                db.session,
                Actor.command_line(),
                collection_id,
                file.read_bytes(),
                file.name,
                dry_run=dry_run,
                progress=progress,
            )
        except ImportRejected as error:
            db.session.rollback()
            bar.render_finish()
            for warning in error.warnings:
                click.echo(f"warning: {warning}", err=True)
            for row_error in error.errors:
                column = f", column '{row_error.column}'" if row_error.column else ""
                click.echo(f"row {row_error.row}{column}: {row_error.message}", err=True)
            raise click.ClickException(
                f"import refused, nothing was written: {len(error.errors)} error(s)"
            ) from None
        except ReuseError as error:
            _fail(error)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if dry_run:
        db.session.rollback()
        click.echo(f"dry run: {report.created} device(s) would be imported; nothing written")
    else:
        db.session.commit()
        click.echo(f"imported {report.created} device(s) into collection {collection_id}")


@click.command("demo")
@click.option("--no-serve", is_flag=True, help="Prepare the database and stop.")
@click.option("--devices", default=1200, show_default=True, help="Devices in the demo stock.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@with_appcontext
def demo_command(no_serve: bool, devices: int, host: str, port: int):
    """Create or upgrade the database, load the demo data once, print demo users, serve."""
    from fixtures import demo

    app = current_app._get_current_object()
    click.echo(f"database: {db.engine.url.render_as_string(hide_password=True)}")
    database.upgrade()
    if demo.is_loaded(db.session):
        click.echo("demo data already loaded: nothing added")
    else:
        summary = demo.load(db.session, devices=devices, progress=_echo_progress)
        db.session.commit()
        click.echo(f"demo data loaded: {summary}")
    credentials = _demo_users(app)
    db.session.commit()
    click.echo("\nDemo users (email / password / role):")
    for email, (password, role) in credentials.items():
        click.echo(f"  {email:<32} {password:<20} {role}")
    if no_serve:
        return
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _demo_secret(app)
    from werkzeug.serving import run_simple

    click.echo(f"\nServing on http://{host}:{port}/ (Ctrl+C to stop)")
    run_simple(host, port, app, threaded=True)


def _echo_progress(message: str) -> None:
    click.echo(f"  {message}")


def _demo_users(app: Flask) -> dict[str, tuple[str, str]]:
    """One user per role; passwords kept in the instance folder so reruns print the same."""
    from fixtures import demo

    path = Path(app.instance_path) / "demo-users.json"
    saved = json.loads(path.read_text()) if path.exists() else {}
    credentials = {}
    for role, email in demo.USERS.items():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            password = secrets.token_urlsafe(9)
            association_id = (
                demo.first_association_id(db.session) if role == "association" else None
            )
            user, _ = user_service.create_user(
                db.session,
                email,
                role,
                password=password,
                association_id=association_id,
                name=f"Demo {role}",
            )
            saved[email] = password
        elif email not in saved:
            saved[email] = secrets.token_urlsafe(9)
            user_service.set_password(db.session, user, saved[email])
        credentials[email] = (saved[email], role)
    path.write_text(json.dumps(saved, indent=2))
    os.chmod(path, 0o600)
    return credentials


def _demo_secret(app: Flask) -> str:
    path = Path(app.instance_path) / "demo-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        os.chmod(path, 0o600)
    return path.read_text().strip()
