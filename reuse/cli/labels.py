"""`flask labels`: print device labels to PDF sheets, ZPL, or one PNG or SVG file per label."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from labels import LAYOUTS
from reuse.cli import fail
from reuse.errors import ReuseError
from reuse.extensions import db
from reuse.models import DeviceStatus
from reuse.services import labelling
from reuse.services.actors import Actor


@click.command("labels")
@click.argument("codes", nargs=-1)
@click.option("--collection", "collection_id", type=int, help="Every device of this collection.")
@click.option(
    "--status",
    type=click.Choice([status.value for status in DeviceStatus]),
    help="Devices in this status (with --collection: those of the collection).",
)
@click.option("--format", "format_", type=click.Choice(labelling.FORMATS), required=True)
@click.option(
    "--layout",
    type=click.Choice(list(LAYOUTS)),
    help="Label stock (default: L7160 sheets for pdf, thermal-50x25 otherwise).",
)
@click.option("--skip", default=0, show_default=True, help="Positions already used on the sheet.")
@click.option("--copies", default=1, show_default=True, help="Copies of each label (pdf, zpl).")
@click.option(
    "--dpi",
    type=click.Choice([str(dpi) for dpi in labelling.DPIS]),
    help="Resolution for png (default 300) and zpl (default 203).",
)
@click.option(
    "--language",
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help="Language of the category names and units.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="File for pdf and zpl; folder (created if missing) for png and svg.",
)
@with_appcontext
def labels_command(
    codes: tuple[str, ...],
    collection_id: int | None,
    status: str | None,
    format_: str,
    layout: str | None,
    skip: int,
    copies: int,
    dpi: str | None,
    language: str,
    output: Path,
):
    """Print the labels of devices given by CODES, or of a collection and/or a status.

    Each printed device gets a label_printed event.
    """
    from reuse.web.labels import label_wording

    if codes and (collection_id is not None or status):
        raise click.ClickException("give device codes, or --collection/--status, not both")
    try:
        options = labelling.print_options(format_, layout, skip, copies, int(dpi) if dpi else None)
    except ReuseError as error:
        fail(error)
    _check_output(output, options)
    try:
        if codes:
            selected = labelling.devices_by_codes(db.session, codes)
        else:
            selected = labelling.devices_matching(
                db.session, collection_id=collection_id, status=status
            )
        with force_locale(language):
            wording = label_wording()
        with click.progressbar(
            length=len(selected), label="Drawing labels", file=sys.stderr
        ) as bar:
            printed = labelling.print_labels(
                db.session,
                Actor.command_line(),
                selected,
                options,
                public_url=current_app.config["REUSE_PUBLIC_URL"],
                wording=wording,
                progress=lambda done: bar.update(done - bar.pos),
            )
    except ReuseError as error:
        fail(error)
    written = _write(printed, options, output)
    db.session.commit()
    if options.one_file_per_label:
        for path in written:
            click.echo(f"wrote {path}")
        click.echo(f"{printed.devices} label(s) as {options.format.upper()} in {output}")
    else:
        pages = f" on {printed.pages} page(s)" if printed.pages else ""
        copies_note = f", {options.copies} copies each" if options.copies > 1 else ""
        click.echo(
            f"wrote {output}: {printed.devices} label(s){copies_note}{pages}"
            f" ({options.format.upper()}, {options.layout})"
        )


def _check_output(output: Path, options: labelling.PrintOptions) -> None:
    """Refuse an output path that cannot take the files, before any work is done."""
    if options.one_file_per_label:
        if output.exists() and not output.is_dir():
            raise click.ClickException(f"{output} is a file: give a folder for one file per label")
    elif output.is_dir():
        raise click.ClickException(
            f"{output} is a folder: give a file name, e.g. labels.{options.format}"
        )
    elif not output.parent.is_dir():
        raise click.ClickException(f"the folder {output.parent} does not exist")


def _write(printed: labelling.Printed, options: labelling.PrintOptions, output: Path) -> list[Path]:
    """Write the rendered files; nothing is committed if this fails."""
    try:
        if not options.one_file_per_label:
            output.write_bytes(printed.files[0].content)
            return [output]
        output.mkdir(parents=True, exist_ok=True)
        paths = []
        for file in printed.files:
            path = output / file.name
            path.write_bytes(file.content)
            paths.append(path)
        return paths
    except OSError as error:
        db.session.rollback()
        raise click.ClickException(f"cannot write {error.filename}: {error.strerror}") from None
