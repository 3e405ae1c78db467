"""`flask allocate`: run an allocation wave for a programme and print it per association."""

import shutil
import sys
import textwrap
from collections.abc import Iterator

import click
import flask_babel
from flask.cli import with_appcontext

from reuse.cli import fail
from reuse.errors import ReuseError
from reuse.extensions import db
from reuse.services import allocations
from reuse.services.actors import Actor
from reuse.services.allocation_reasons import ENGLISH, Translator, asks, explain


@click.command("allocate")
@click.argument("programme_id", type=int)
@click.option("--wave", required=True, help="The wave's name, once per programme ('Vague 1').")
@click.option(
    "--limit",
    type=click.IntRange(0, allocations.MAX_LIMIT),
    help="Most devices this wave may give (default: as many as the needs take).",
)
@click.option(
    "--policy",
    type=click.Choice(["spread", "fill"]),
    default="spread",
    show_default=True,
    help="spread: every need its minimum, the rest in proportion; fill: each need in turn "
    "up to its maximum.",
)
@click.option("--confirm", is_flag=True, help="Confirm the draft at once, in the same transaction.")
@click.option(
    "--language",
    type=click.Choice(["en", "fr"]),
    default="en",
    show_default=True,
    help="Language of the table and the reasons.",
)
@with_appcontext
def allocate_command(
    programme_id: int, wave: str, limit: int | None, policy: str, confirm: bool, language: str
):
    """Propose (and with --confirm, confirm) an allocation of the ready stock to the
    programme's approved needs; print asked, earlier waves, this wave and why, per association."""
    actor = Actor.command_line()
    try:
        draft = allocations.run_draft(
            db.session, actor, programme_id, wave, limit=limit, policy=policy
        )
        if confirm:
            with click.progressbar(
                length=draft.summary["totals"]["allocated"], label="Confirming", file=sys.stderr
            ) as bar:
                allocations.confirm(
                    db.session, actor, draft.id, progress=lambda done: bar.update(done - bar.pos)
                )
    except ReuseError as error:
        fail(error)
    db.session.commit()
    review = allocations.review(db.session, actor, draft.id)
    width = max(100, shutil.get_terminal_size((120, 40)).columns)
    if language == "en":
        lines = list(render(review, ENGLISH, width))
    else:
        with flask_babel.force_locale(language):
            lines = list(render(review, flask_babel, width))
    for line in lines:
        click.echo(line)


def render(review: allocations.Review, tr: Translator, width: int = 120) -> Iterator[str]:
    """The review as text: a header with the totals, then a table per association."""
    allocation, totals = review.allocation, review.totals
    status = (
        tr.gettext("confirmed") if allocation.status.value == "confirmed" else tr.gettext("draft")
    )
    limit = allocation.device_limit
    yield tr.gettext(
        "Allocation %(id)s (%(status)s), wave '%(wave)s' of programme %(programme)s: policy "
        "%(policy)s, limit %(limit)s.",
        id=allocation.id,
        status=status,
        wave=allocation.wave,
        programme=allocation.programme_id,
        policy=allocation.policy.value,
        limit=tr.gettext("none") if limit is None else limit,
    )
    yield tr.gettext(
        "%(allocated)s of %(stock)s ready devices go to %(served)s of %(needs)s needs; %(left)s "
        "left, of which %(unwanted)s fit no need.",
        allocated=totals["allocated"],
        stock=totals["stock"],
        served=totals["needs_served"],
        needs=totals["needs"],
        left=totals["left"],
        unwanted=totals["left_fitting_no_need"],
    )
    earlier = ", ".join(
        f"'{wave.wave}' ({wave.devices})" for wave in review.earlier_waves
    ) or tr.gettext("none")
    yield tr.gettext("Earlier waves: %(waves)s.", waves=earlier)
    if review.stale:
        yield tr.gettext("Warning: %(why)s.", why=review.stale)
    headers = [
        tr.gettext("need"),
        tr.gettext("asks for"),
        tr.gettext("asked"),
        tr.gettext("earlier"),
        tr.gettext("this wave"),
        tr.gettext("why"),
    ]
    fixed = [7, 26, 8, 8, 9]
    widths = [*fixed, max(30, width - sum(fixed) - 2 * len(fixed) - 2)]
    numeric = {0, 2, 3, 4}
    for group in review.associations:
        yield ""
        yield tr.gettext(
            "%(name)s (association %(id)s): %(earlier)s from earlier waves, %(now)s in this wave, "
            "%(after)s in all.",
            name=group.name,
            id=group.association_id,
            earlier=group.earlier,
            now=group.allocated,
            after=group.after,
        )
        yield from _row(headers, widths, numeric)
        for need in group.needs:
            cells = [
                need["need_id"],
                asks(need, tr),
                f"{need['quantity_min']}-{need['quantity_max']}",
                need["earlier"],
                need["allocated"],
                explain(need, review.run, tr),
            ]
            yield from _row(cells, widths, numeric)


def _row(cells: list, widths: list[int], numeric: set[int]) -> Iterator[str]:
    """One table row, each cell wrapped to its column, numbers right-aligned."""
    columns = [
        textwrap.wrap(str(cell), width) or [""] for cell, width in zip(cells, widths, strict=True)
    ]
    for depth in range(max(len(column) for column in columns)):
        parts = []
        for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
            text = column[depth] if depth < len(column) else ""
            parts.append(text.rjust(width) if index in numeric else text.ljust(width))
        yield "  " + "  ".join(parts).rstrip()
