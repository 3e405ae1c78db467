"""`flask users ...`: user accounts."""

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from reuse.cli import fail
from reuse.errors import ReuseError
from reuse.extensions import db
from reuse.models import ApiToken, Role, User
from reuse.services import tokens
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


def _user(email: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    return user


@users_cli.command("token")
@click.argument("email")
@click.option("--name", help="What the token is for, e.g. the system that will use it.")
def token_command(email, name):
    """Issue an API token for a user and print it (it is shown only once)."""
    token, plain = tokens.issue_token(db.session, _user(email), name)
    db.session.commit()
    click.echo(f"token {token.id} for {email}: {plain}")


@users_cli.command("revoke-token")
@click.argument("email")
@click.argument("token_id", type=int)
def revoke_token_command(email, token_id):
    """Revoke one of a user's API tokens."""
    try:
        tokens.revoke_token(db.session, _user(email), token_id)
    except ReuseError as error:
        fail(error)
    db.session.commit()
    click.echo(f"token {token_id} of {email} revoked")


@users_cli.command("tokens")
@click.argument("email")
def list_tokens_command(email):
    """List a user's API tokens with their last use."""
    user = _user(email)
    rows = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
    )
    for token in rows:
        state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
        click.echo(f"{token.id:>5}  {token.name or '-':<24} {state:<18} last used {used}")
