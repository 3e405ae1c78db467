"""Associations: search, register, correct; an association's user sees its own page only."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, EmailField, StringField

from reuse.extensions import db
from reuse.services import associations, directory
from reuse.web.access import actor, require_permission
from reuse.web.forms import ServiceForm, attempt, form_status

bp = Blueprint("association", __name__, url_prefix="/associations")


class AssociationForm(ServiceForm):
    """An association's details as a person types them."""

    name = StringField(_l("Name"))
    legal_id = StringField(_l("RNA number or SIRET"))
    legal_id_missing_reason = StringField(_l("Or why there is none"))
    address = StringField(_l("Address"))
    postcode = StringField(_l("Postcode"))
    city = StringField(_l("City"))
    contact_name = StringField(_l("Contact person"))
    contact_email = EmailField(_l("Contact email"))
    contact_phone = StringField(_l("Contact phone"))
    focus_areas = StringField(_l("Focus areas (comma separated)"))

    def service_values(self) -> dict:
        values = self.values()
        values["focus_areas"] = [a for a in (values["focus_areas"] or "").split(",") if a.strip()]
        return values


class AssociationEditForm(AssociationForm):
    """The details, and whether the association may still receive devices."""

    active = BooleanField(_l("Active (may receive devices)"))


@bp.get("/")
@require_permission("associations.read")
def index():
    """Associations, searched; an association's user goes to its own page."""
    if current_user.association_id is not None:
        return redirect(url_for("association.detail", association_id=current_user.association_id))
    text = request.args.get("q", "").strip()
    offset = max(request.args.get("offset", 0, type=int), 0)
    page = directory.association_page(db.session, actor(), text, offset=offset)
    return render_template("associations.html", page=page, text=text)


@bp.route("/new", methods=["GET", "POST"])
@require_permission("associations.write")
def create():
    """Register an association."""
    form = AssociationForm()
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: associations.create_association(db.session, actor(), **form.service_values()),
        )
        if outcome.ok:
            flash(_("Association %(name)s registered.", name=outcome.value.name), "success")
            return redirect(url_for("association.detail", association_id=outcome.value.id))
    return render_template("association_form.html", form=form, association=None), form_status(form)


@bp.get("/<int:association_id>")
@require_permission("associations.read")
def detail(association_id: int):
    """An association with its needs and where to submit new ones."""
    association = directory.visible_association(db.session, actor(), association_id)
    needs = directory.needs(db.session, actor(), association_id=association_id)
    return render_template(
        "association.html",
        association=association,
        needs=needs,
        programmes=directory.programmes(db.session),
    )


@bp.route("/<int:association_id>/edit", methods=["GET", "POST"])
@require_permission("associations.write")
def edit(association_id: int):
    """Correct an association's details."""
    association = directory.visible_association(db.session, actor(), association_id)
    form = AssociationEditForm(obj=association if request.method == "GET" else None)
    if request.method == "GET":
        form.focus_areas.data = ", ".join(association.focus_areas or [])
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: associations.update_association(
                db.session, actor(), association, **form.service_values()
            ),
        )
        if outcome.ok:
            flash(_("Association %(name)s saved.", name=association.name), "success")
            return redirect(url_for("association.detail", association_id=association_id))
    return render_template(
        "association_form.html", form=form, association=association
    ), form_status(form)
