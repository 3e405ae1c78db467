"""`flask demo`: a ready-to-try Reuse on the embedded database."""

import json
import os
import secrets
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from reuse import database
from reuse.extensions import db
from reuse.models import User
from reuse.services import users as user_service


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
    """One user per role; passwords kept in the instance folder, per database, so reruns print
    the same ones, and any that no longer signs in is replaced."""
    from fixtures import demo

    path = Path(app.instance_path) / "demo-users.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    database = db.engine.url.render_as_string(hide_password=True)
    saved = stored.setdefault(database, {})
    credentials = {}
    for role, email in demo.USERS.items():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            saved[email] = secrets.token_urlsafe(9)
            association_id = (
                demo.first_association_id(db.session) if role == "association" else None
            )
            user_service.create_user(
                db.session,
                email,
                role,
                password=saved[email],
                association_id=association_id,
                name=f"Demo {role}",
            )
        elif (
            email not in saved or user_service.authenticate(db.session, email, saved[email]) is None
        ):
            saved[email] = secrets.token_urlsafe(9)
            user_service.set_password(db.session, user, saved[email])
        credentials[email] = (saved[email], role)
    path.write_text(json.dumps(stored, indent=2))
    os.chmod(path, 0o600)
    return credentials


def _demo_secret(app: Flask) -> str:
    path = Path(app.instance_path) / "demo-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        os.chmod(path, 0o600)
    return path.read_text().strip()
