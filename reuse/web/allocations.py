"""Allocation by need on the web: run a wave, review it per association with the reasons and
what changes against earlier waves, then confirm or cancel it.

Forms check the shape; reuse.services.allocations decides. The reasons are written by
reuse.services.allocation_reasons, here in the page's language.
"""

import re
from dataclasses import dataclass

import flask_babel
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from reuse.extensions import db
from reuse.services import allocations, directory
from reuse.services.allocation_reasons import asks, explain
from reuse.web import vocabulary
from reuse.web.access import actor, can, require_permission
from reuse.web.forms import ServiceForm, attempt, form_status
from reuse.web.messages import translate

bp = Blueprint("allocation", __name__)

#: Associations shown on one page of a review (a national wave has thousands).
PAGE_SIZE = 50

STATUS = {"draft": _l("Draft"), "confirmed": _l("Confirmed"), "cancelled": _l("Cancelled")}
STATUS_BADGE = {"draft": "submitted", "confirmed": "approved", "cancelled": "rejected"}
POLICY = {
    "spread": _l("Spread: every need its minimum first, the rest in proportion to what each asked"),
    "fill": _l("Fill: needs one after another, each up to its maximum"),
}


class RunForm(ServiceForm):
    wave = StringField(_l("Wave"), validators=[InputRequired()])
    limit = IntegerField(_l("Most devices in this wave"), validators=[Optional()])
    policy = RadioField(
        _l("Policy"),
        choices=[SelectChoice(value, label) for value, label in POLICY.items()],
        default="spread",
        validate_choice=False,
    )


class DecisionForm(ServiceForm):
    version = HiddenField()


@bp.app_template_global()
def allocation_status(value) -> str:
    """The display name of an allocation's status."""
    value = getattr(value, "value", value)
    return str(STATUS.get(value, value))


@bp.get("/programmes/<int:programme_id>/allocations")
@require_permission("allocations.read")
def index(programme_id: int):
    return _index_page(programme_id, RunForm(formdata=None))


@bp.post("/programmes/<int:programme_id>/allocations")
@require_permission("allocations.write")
def run(programme_id: int):
    form = RunForm()
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: allocations.run_draft(
                db.session,
                actor(),
                programme_id,
                form.wave.data,
                limit=form.limit.data,
                policy=form.policy.data,
            ),
        )
        if outcome.ok:
            flash(_("Draft ready: review it, then confirm or cancel it."), "success")
            return redirect(url_for("allocation.detail", allocation_id=outcome.value.id))
        form.form_errors[:] = [_translated(e) for e in form.form_errors]
        for field in form:
            field.errors = [_translated(e) for e in field.errors]
    return _index_page(programme_id, form)


def _index_page(programme_id: int, form: RunForm):
    listing = allocations.list_allocations(db.session, actor(), programme_id)
    programme = directory.programme(db.session, programme_id)
    return render_template(
        "allocations_programme.html",
        programme=programme,
        listing=listing,
        form=form,
        policies=POLICY,
    ), form_status(form)


@bp.get("/allocations/<int:allocation_id>")
@require_permission("allocations.read")
def detail(allocation_id: int):
    review = allocations.review(db.session, actor(), allocation_id)
    page = max(request.args.get("page", 1, type=int), 1)
    start = (page - 1) * PAGE_SIZE
    groups = review.associations[start : start + PAGE_SIZE]
    programme = directory.programme(db.session, review.allocation.programme_id)
    return render_template(
        "allocations_review.html",
        review=review,
        programme=programme,
        groups=groups,
        page=page,
        pages=max(1, -(-len(review.associations) // PAGE_SIZE)),
        changes=Changes.of(review),
        reason=lambda need: explain(need, review.run, flask_babel),
        asks=lambda need: asks(need, flask_babel),
        category=lambda value: vocabulary.term("category", value),
        policies=POLICY,
        translated_message=_translated,
        may_decide=can("allocations.write"),
        status_badge=STATUS_BADGE,
    )


@bp.post("/allocations/<int:allocation_id>/confirm")
@require_permission("allocations.write")
def confirm(allocation_id: int):
    done = _("Allocation confirmed: its devices are allocated.")
    return _decide(allocation_id, allocations.confirm, done)


@bp.post("/allocations/<int:allocation_id>/cancel")
@require_permission("allocations.write")
def cancel(allocation_id: int):
    return _decide(allocation_id, allocations.cancel, _("Allocation cancelled."))


def _decide(allocation_id: int, decision, done: str):
    form = DecisionForm()
    if form.validate_on_submit():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        outcome = attempt(None, lambda: decision(db.session, actor(), allocation_id, version))
        if outcome.ok:
            flash(done, "success")
        else:
            flash(_translated(outcome.error.message), "error")
    else:
        flash(_("The form expired: reload the page and try again."), "error")
    return redirect(url_for("allocation.detail", allocation_id=allocation_id))


@dataclass(frozen=True)
class Changes:
    """What a run changes for the associations, against the earlier waves."""

    first_devices: int
    more_devices: int
    nothing: int

    @classmethod
    def of(cls, review: allocations.Review) -> "Changes":
        groups = review.associations
        return cls(
            first_devices=sum(1 for g in groups if g.allocated and not g.earlier),
            more_devices=sum(1 for g in groups if g.allocated and g.earlier),
            nothing=sum(1 for g in groups if not g.allocated),
        )


def _no_longer_ready(v: dict) -> str:
    return flask_babel.ngettext(
        "%(num)s of the %(total)s devices of draft %(id)s is no longer ready (%(devices)s): "
        "nothing was confirmed; run the allocation again",
        "%(num)s of the %(total)s devices of draft %(id)s are no longer ready (%(devices)s): "
        "nothing was confirmed; run the allocation again",
        int(v.pop("num")),
        **v,
    )


def _already_delivered(v: dict) -> str:
    return flask_babel.ngettext(
        "%(num)s device of allocation %(id)s was already delivered (%(devices)s): it can no "
        "longer be cancelled",
        "%(num)s devices of allocation %(id)s were already delivered (%(devices)s): it can no "
        "longer be cancelled",
        int(v.pop("num")),
        **v,
    )


#: The allocation services' messages, matched whole, and how each reads in the page's language.
_MESSAGES = [
    (
        r"(?P<num>\d+) of the (?P<total>\d+) devices of draft (?P<id>\d+) (?:is|are) no longer "
        r"ready \((?P<devices>.*)\): nothing was confirmed; run the allocation again",
        _no_longer_ready,
    ),
    (
        r"since draft (?P<id>\d+) was run, (?P<changes>.*): what the needs already received has "
        r"changed, so run the allocation again",
        lambda v: _(
            "since draft %(id)s was run, %(changes)s: what the needs already received has "
            "changed, so run the allocation again",
            **v,
        ),
    ),
    (
        r"wave '(?P<wave>.*)' of this programme was already confirmed \(allocation (?P<id>\d+)\): "
        r"give this wave another name",
        lambda v: _(
            "wave '%(wave)s' of this programme was already confirmed (allocation %(id)s): give "
            "this wave another name",
            **v,
        ),
    ),
    (
        r"allocation (?P<id>\d+) is (?P<status>confirmed|cancelled): only a draft can be "
        r"confirmed",
        lambda v: _("allocation %(id)s is %(status)s: only a draft can be confirmed", **v),
    ),
    (
        r"allocation (?P<id>\d+) is already cancelled",
        lambda v: _("allocation %(id)s is already cancelled", **v),
    ),
    (
        r"(?P<num>\d+) devices? of allocation (?P<id>\d+) (?:was|were) already delivered "
        r"\((?P<devices>.*)\): it can no longer be cancelled",
        _already_delivered,
    ),
    (
        r"needs (?P<needs>[\d, ]+) are no longer approved: run the allocation again",
        lambda v: _("needs %(needs)s are no longer approved: run the allocation again", **v),
    ),
    (
        r"allocation (?P<id>\d+) was changed by someone else \(version (?P<now>\d+), you had "
        r"(?P<had>\d+)\): reload it and try again",
        lambda v: _(
            "allocation %(id)s was changed by someone else meanwhile: reload the page and try "
            "again",
            id=v["id"],
        ),
    ),
    (r"must be at most 80 characters", lambda v: _("must be at most 80 characters")),
]
_CHANGES = [
    (
        r"wave '(?P<wave>.*)' \(allocation (?P<id>\d+)\) was confirmed",
        lambda v: _("wave '%(wave)s' (allocation %(id)s) was confirmed", **v),
    ),
    (
        r"allocation (?P<id>\d+) was cancelled",
        lambda v: _("allocation %(id)s was cancelled", **v),
    ),
]
_DEVICE = re.compile(r"(?P<code>[A-Z]{4}-[A-Z]{4}-[A-Z]) (?P<status>[a-z]+)")


def _translated(message: str) -> str:
    """A message of the allocation services in the page's language."""
    for pattern, words in _MESSAGES:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match is None:
            continue
        values = match.groupdict()
        if "devices" in values:
            listed = _DEVICE.sub(
                lambda m: f"{m['code']} {vocabulary.term('status', m['status']).lower()}",
                values["devices"],
            )
            values["devices"] = re.sub(
                r" and (\d+) more$", lambda m: " " + _("and %(num)s more", num=m[1]), listed
            )
        if "changes" in values:
            conjunction = " " + _("and") + " "
            parts = values["changes"].split(" and ")
            values["changes"] = conjunction.join(_change(part) for part in parts)
        if "status" in values:
            values["status"] = allocation_status(values["status"]).lower()
        return words(values)
    return translate(message)


def _change(text: str) -> str:
    for pattern, words in _CHANGES:
        match = re.fullmatch(pattern, text)
        if match:
            return words(match.groupdict())
    return text
