"""Programmes: list with their progress, create, detail, correct."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import InputRequired, Optional

from reuse.extensions import db
from reuse.services import associations, dashboard, directory
from reuse.web.access import actor, require_permission
from reuse.web.forms import ServiceForm, attempt, form_status

bp = Blueprint("programme", __name__, url_prefix="/programmes")


class ProgrammeForm(ServiceForm):
    """A programme: partner, territory, period and target."""

    name = StringField(_l("Name"))
    partner = StringField(_l("Partner (local authority)"))
    territory = StringField(_l("Territory"))
    starts_on = DateField(_l("Starts on"), validators=[InputRequired()])
    ends_on = DateField(_l("Ends on"), validators=[Optional()])
    target_devices = IntegerField(_l("Target (devices)"), validators=[Optional()], default=0)

    def service_values(self) -> dict:
        values = self.values()
        values["target_devices"] = values["target_devices"] or 0
        return values


@bp.get("/")
@require_permission("programmes.read")
def index():
    """Programmes with their delivered devices."""
    progress = {p.id: p for p in dashboard.programme_progress(db.session)}
    return render_template(
        "programmes.html", programmes=directory.programmes(db.session), progress=progress
    )


@bp.route("/new", methods=["GET", "POST"])
@require_permission("programmes.write")
def create():
    """Open a programme."""
    form = ProgrammeForm()
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: associations.create_programme(db.session, actor(), **form.service_values()),
        )
        if outcome.ok:
            flash(_("Programme %(name)s created.", name=outcome.value.name), "success")
            return redirect(url_for("programme.detail", programme_id=outcome.value.id))
    return render_template("programme_form.html", form=form, programme=None), form_status(form)


@bp.get("/<int:programme_id>")
@require_permission("programmes.read")
def detail(programme_id: int):
    """A programme and its progress against the target."""
    programme = directory.programme(db.session, programme_id)
    progress = dashboard.programme_progress(db.session, [programme_id])[0]
    return render_template("programme.html", programme=programme, progress=progress)


@bp.route("/<int:programme_id>/edit", methods=["GET", "POST"])
@require_permission("programmes.write")
def edit(programme_id: int):
    """Correct a programme."""
    programme = directory.programme(db.session, programme_id)
    form = ProgrammeForm(obj=programme if request.method == "GET" else None)
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: associations.update_programme(
                db.session, actor(), programme, **form.service_values()
            ),
        )
        if outcome.ok:
            flash(_("Programme %(name)s saved.", name=programme.name), "success")
            return redirect(url_for("programme.detail", programme_id=programme_id))
    return render_template("programme_form.html", form=form, programme=programme), form_status(form)
