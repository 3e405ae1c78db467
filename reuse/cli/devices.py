"""`flask import-devices` and `flask generate`: devices in bulk."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from reuse.cli import fail
from reuse.errors import ImportRejected, ReuseError
from reuse.extensions import db
from reuse.services.actors import Actor


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
            fail(error)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if dry_run:
        db.session.rollback()
        click.echo(f"dry run: {report.created} device(s) would be imported; nothing written")
    else:
        db.session.commit()
        click.echo(f"imported {report.created} device(s) into collection {collection_id}")


@click.command("generate")
@click.option("--devices", type=click.IntRange(1, 1_000_000), required=True)
@click.option("--seed", default=1, show_default=True, help="Same seed, same data.")
@with_appcontext
def generate_command(devices: int, seed: int):
    """Add a deterministic scale data set (devices, collections, associations, needs)."""
    from fixtures import scale

    with click.progressbar(length=devices, label="Generating", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.pos)

        counts = scale.generate(db.session, devices, seed=seed, progress=progress)
    db.session.commit()
    click.echo("generated: " + ", ".join(f"{count:,} {name}" for name, count in counts.items()))
