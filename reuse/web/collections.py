"""Collections: list, create, detail with their devices, and import of an operator's asset list.

The import is checked (a dry run shown as a preview table) and then confirmed by posting the same
file again, with the preview's digest so that what is imported is what was checked. With
JavaScript the check is fetched into the page and the file stays selected, so confirming is one
click; without it the person chooses the file again. Nothing is kept on the server between the
two steps: any server behind the load balancer can take the confirmation.
"""

from datetime import date
from pathlib import PurePath

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired

from reuse.errors import ImportRejected
from reuse.extensions import db
from reuse.services import import_preview, intake, listings
from reuse.services.listings import DeviceFilters
from reuse.web.access import actor, require_permission
from reuse.web.forms import ChoiceField, ServiceForm, attempt, form_status, optional_int

bp = Blueprint("collection", __name__, url_prefix="/collections")


class CollectionForm(ServiceForm):
    """A new collection: where and when it was picked up, and where it goes."""

    donor_site_id = ChoiceField(_l("Donor site"), coerce=optional_int, validators=[InputRequired()])
    collected_on = DateField(_l("Collected on"), validators=[InputRequired()], default=date.today)
    reference = StringField(_l("Reference"))
    warehouse_id = ChoiceField(_l("Destination warehouse"), coerce=optional_int)
    notes = TextAreaField(_l("Notes"))

    def fill_choices(self) -> None:
        self.donor_site_id.choices = [
            ("", _("Choose a site")),
            *(
                (site.id, f"{site.organisation} · {site.name} ({site.city})")
                for site in listings.donor_sites(db.session)
            ),
        ]
        self.warehouse_id.choices = warehouse_choices(_("None yet"))


class ImportForm(ServiceForm):
    """An asset list to check or import, with the digest of the checked file."""

    file = FileField(_l("Asset list (CSV or XLSX)"), validators=[FileRequired()])
    digest = HiddenField()


def warehouse_choices(blank: str) -> list[tuple]:
    """Warehouses for a select, after a first blank choice."""
    return [("", blank)] + [(w.id, f"{w.name} ({w.city})") for w in listings.warehouses(db.session)]


@bp.get("/")
@require_permission("collections.read")
def index():
    """Collections, latest first, searched by reference, site or city."""
    text = request.args.get("q", "").strip()
    offset = max(request.args.get("offset", 0, type=int), 0)
    page = listings.collection_page(db.session, text, offset=offset)
    return render_template("collections.html", page=page, text=text)


@bp.route("/new", methods=["GET", "POST"])
@require_permission("collections.write")
def create():
    """Open a collection."""
    form = CollectionForm()
    form.fill_choices()
    if form.validate_on_submit():
        outcome = attempt(
            form, lambda: intake.create_collection(db.session, actor(), **form.values())
        )
        if outcome.ok:
            flash(_("Collection %(ref)s created.", ref=outcome.value.reference), "success")
            return redirect(url_for("collection.detail", collection_id=outcome.value.id))
    return render_template("collection_form.html", form=form), form_status(form)


@bp.get("/<int:collection_id>")
@require_permission("collections.read")
def detail(collection_id: int):
    """A collection and its devices, newest first."""
    collection = listings.collection(db.session, collection_id)
    page = listings.device_page(
        db.session,
        DeviceFilters(collection_id=collection_id),
        after=request.args.get("after", type=int),
    )
    return render_template("collection.html", collection=collection, page=page)


@bp.route("/<int:collection_id>/import", methods=["GET", "POST"])
@require_permission("devices.import")
def import_file(collection_id: int):
    """Check an asset list (a preview, nothing written), or import the checked file."""
    collection = listings.collection(db.session, collection_id)
    form = ImportForm()
    preview = None
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        data, filename = upload.read(), PurePath(upload.filename or "upload").name[:200]
        if request.form.get("action") == "import":
            outcome = attempt(
                form,
                lambda: import_preview.confirm(
                    db.session, actor(), collection_id, data, filename, form.digest.data
                ),
            )
            if outcome.ok:
                created = outcome.value.created
                flash(
                    ngettext("%(num)s device imported.", "%(num)s devices imported.", created),
                    "success",
                )
                return redirect(url_for("collection.detail", collection_id=collection_id))
            status = outcome.status
            if isinstance(outcome.error, ImportRejected):
                form.form_errors.clear()
                preview = import_preview.preview(db.session, actor(), collection_id, data, filename)
                db.session.rollback()
        else:
            preview = import_preview.preview(db.session, actor(), collection_id, data, filename)
            db.session.rollback()
    elif request.method == "POST":
        status = 422
    template = "_import_preview.html" if _fetched() else "import.html"
    return (
        render_template(
            template, collection=collection, form=form, preview=preview, fetched=_fetched()
        ),
        status,
    )


def _fetched() -> bool:
    """Whether the page's script asked for the preview alone."""
    return request.headers.get("X-Requested-With") == "fetch"
