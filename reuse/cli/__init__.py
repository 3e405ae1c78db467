"""Flask commands: `flask --app wsgi COMMAND`, one module per family of commands."""

import click
from flask import Flask

from reuse.errors import ReuseError
from reuse.extensions import db


def register_commands(app: Flask) -> None:
    """Add every command to the app's CLI."""
    from reuse.cli import allocations, demo, devices, labels, users

    app.cli.add_command(demo.demo_command)
    app.cli.add_command(users.users_cli)
    app.cli.add_command(devices.import_devices_command)
    app.cli.add_command(devices.generate_command)
    app.cli.add_command(labels.labels_command)
    app.cli.add_command(allocations.allocate_command)


def fail(error: ReuseError) -> None:
    """Roll back and exit with the domain error's message (status 1)."""
    db.session.rollback()
    raise click.ClickException(error.message)
