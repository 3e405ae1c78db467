"""`flask users ...`: user accounts."""

import click
from flask.cli import AppGroup

from reuse.cli import fail
from reuse.errors import ReuseError
from reuse.extensions import db
from reuse.models import Role
from reuse.services import users as user_service

users_cli = AppGroup("users", help="Manage user accounts.")


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
        fail(error)
    db.session.commit()
    click.echo(f"created {user.email} ({user.role.value}), password: {password}")
