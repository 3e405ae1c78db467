"""Needs per programme: a table of min/max by association and category, review, submission.

A coordinator approves or rejects each submitted need with a note; an association's user sees
and submits its own needs only (reuse.services.directory and associations.submit_need decide).
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from reuse.extensions import db
from reuse.services import associations, directory
from reuse.web.access import actor, can, require_permission
from reuse.web.forms import ChoiceField, ServiceForm, attempt, form_status, optional_int
from reuse.web.vocabulary import choices

bp = Blueprint("need", __name__)


class NeedForm(ServiceForm):
    """A need: what and how many, with minimum specs; staff also name the association."""

    association_id = ChoiceField(
        _l("Association"), coerce=optional_int, validators=[InputRequired()]
    )
    category = ChoiceField(_l("Category"))
    quantity_min = IntegerField(_l("Minimum (devices)"), validators=[InputRequired()])
    quantity_max = IntegerField(_l("Maximum (devices)"), validators=[InputRequired()])
    min_ram_gb = IntegerField(_l("Minimum RAM (GB)"), validators=[Optional()])
    min_storage_gb = IntegerField(_l("Minimum storage (GB)"), validators=[Optional()])
    min_grade = ChoiceField(_l("Minimum grade"))
    needs_kit = BooleanField(_l("With keyboard and mouse"))
    priority = ChoiceField(_l("Priority"), coerce=int, default=3)
    justification = TextAreaField(_l("What the devices are for"))

    def fill_choices(self) -> None:
        self.category.choices = choices("category", blank=_("Choose"))
        self.min_grade.choices = choices("grade", blank=_("Any"))
        self.priority.choices = [
            (1, _("1 (most urgent)")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 (least urgent)")),
        ]
        if current_user.association_id is not None:
            del self.association_id
        else:
            self.association_id.choices = [
                ("", _("Choose")),
                *directory.association_choices(db.session),
            ]


class ReviewForm(ServiceForm):
    """A coordinator's note on a need they approve or reject."""

    note = StringField(_l("Note"))


@bp.get("/programmes/<int:programme_id>/needs")
@require_permission("needs.read")
def index(programme_id: int):
    """A programme's needs: the min/max table and each need, with review forms."""
    return _page(programme_id)


@bp.route("/programmes/<int:programme_id>/needs/new", methods=["GET", "POST"])
@require_permission("needs.write")
def submit(programme_id: int):
    """Submit a need to a programme."""
    programme = directory.programme(db.session, programme_id)
    form = NeedForm()
    form.fill_choices()
    if request.method == "GET" and "association_id" in form:
        form.association_id.data = request.args.get("association_id", type=int)
    if form.validate_on_submit():
        values = form.values()
        values["association_id"] = values.get("association_id") or current_user.association_id
        values["min_grade"] = values["min_grade"] or None
        outcome = attempt(
            form,
            lambda: associations.submit_need(
                db.session, actor(), programme_id=programme_id, **values
            ),
        )
        if outcome.ok:
            flash(_("Need submitted: a coordinator will review it."), "success")
            return redirect(_after_submit(outcome.value))
    return render_template("need_form.html", form=form, programme=programme), form_status(form)


def _after_submit(need) -> str:
    if current_user.association_id is not None:
        return url_for("association.detail", association_id=need.association_id)
    return url_for("need.index", programme_id=need.programme_id)


@bp.post("/needs/<int:need_id>/review")
@require_permission("needs.review")
def review(need_id: int):
    """Approve or reject a submitted need."""
    need = directory.need(db.session, actor(), need_id)
    form = ReviewForm()
    decision = request.form.get("decision")
    if form.validate_on_submit() and decision in ("approve", "reject"):
        outcome = attempt(
            form,
            lambda: associations.review_need(
                db.session, actor(), need, approve=decision == "approve", note=form.note.data
            ),
        )
        if outcome.ok:
            message = _("Need approved.") if decision == "approve" else _("Need rejected.")
            flash(message, "success")
            return redirect(url_for("need.index", programme_id=need.programme_id))
        return _page(need.programme_id, {need_id: form}, outcome.status)
    return _page(need.programme_id, {need_id: form}, 422)


def _page(programme_id: int, review_forms: dict | None = None, status: int = 200):
    programme = directory.programme(db.session, programme_id)
    needs = directory.needs(db.session, actor(), programme_id=programme_id)
    return (
        render_template(
            "needs.html",
            programme=programme,
            needs=needs,
            table=directory.needs_table(needs),
            review=can("needs.review"),
            review_forms=review_forms or {},
            review_form=ReviewForm(formdata=None),
            hide_programme=True,
        ),
        status,
    )
