"""Fast intake: register a collection's devices one after another, scanner in hand.

The cursor starts in the serial field; a scanner's Enter moves to the next field; Ctrl+Enter
saves from anywhere; "same as last device" keeps category, model and specs for the next one; and
the page says as soon as a serial is typed whether it is already known.
"""

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField

from reuse import codes
from reuse.errors import ReuseError
from reuse.extensions import db
from reuse.services import devices, intake, listings
from reuse.web.access import actor, require_permission
from reuse.web.collections import warehouse_choices
from reuse.web.forms import ChoiceField, ServiceForm, attempt, form_status, optional_int
from reuse.web.vocabulary import choices

bp = Blueprint("intake", __name__)

#: What "same as last device" keeps: everything but what identifies the device.
KEPT_FIELDS = (
    "category",
    "manufacturer",
    "model",
    "cpu",
    "ram_gb",
    "storage_gb",
    "storage_type",
    "screen_inches",
    "os",
    "accessories",
    "weight_kg",
)


class IntakeForm(ServiceForm):
    """One device as a person (or a scanner) types it, and where it was received."""

    serial_number = StringField(_l("Serial number"))
    asset_tag = StringField(_l("Asset tag (donor's)"))
    category = ChoiceField(_l("Category"))
    manufacturer = StringField(_l("Manufacturer"))
    model = StringField(_l("Model"))
    cpu = StringField(_l("Processor"))
    ram_gb = StringField(_l("RAM"))
    storage_gb = StringField(_l("Storage"))
    storage_type = ChoiceField(_l("Storage type"))
    screen_inches = StringField(_l("Screen (inches)"))
    os = StringField(_l("Operating system"))
    accessories = StringField(_l("Accessories"))
    weight_kg = StringField(_l("Weight (kg)"))
    notes = StringField(_l("Notes"))
    warehouse_id = ChoiceField(_l("Received at warehouse"), coerce=optional_int)
    same_as_last = BooleanField(_l("Same as last device (keep category, model and specs)"))

    def fill_choices(self) -> None:
        self.category.choices = choices("category", blank=_("Choose"))
        self.storage_type.choices = choices("storage_type", blank="–")
        self.warehouse_id.choices = warehouse_choices(_("Not received yet"))

    def device_fields(self) -> dict:
        """The descriptive fields for the service (the rest drive the page)."""
        return self.values(*KEPT_FIELDS, "serial_number", "asset_tag", "notes")


@bp.route("/collections/<int:collection_id>/intake", methods=["GET", "POST"])
@require_permission("devices.write")
def register(collection_id: int):
    """Register a collection's devices one after another."""
    collection = listings.collection(db.session, collection_id)
    form = IntakeForm()
    form.fill_choices()
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: intake.register_device(
                db.session,
                actor(),
                collection_id=collection_id,
                warehouse_id=form.warehouse_id.data,
                **form.device_fields(),
            ),
        )
        if outcome.ok:
            code = outcome.value.code
            flash(_("Device %(code)s registered.", code=codes.display(code)), "success")
            return redirect(
                url_for(
                    "intake.register",
                    collection_id=collection_id,
                    last=code,
                    same="1" if form.same_as_last.data else None,
                )
            )
    elif request.method == "GET":
        _prefill(form, collection)
    return (
        render_template(
            "intake.html",
            collection=collection,
            form=form,
            recent=listings.recent_devices(db.session, collection_id),
        ),
        form_status(form),
    )


def _prefill(form: IntakeForm, collection) -> None:
    """Start from the last device when asked, and from the collection's warehouse."""
    form.warehouse_id.data = collection.warehouse_id
    last_code = request.args.get("last")
    if not last_code:
        return
    try:
        last = devices.find(db.session, last_code)
    except ReuseError:
        return
    form.warehouse_id.data = last.warehouse_id or collection.warehouse_id
    if request.args.get("same"):
        form.same_as_last.data = True
        for name in KEPT_FIELDS:
            value = getattr(last, name)
            form[name].data = "" if value is None else str(getattr(value, "value", value))


@bp.get("/intake/serial-check")
@require_permission("devices.write")
def serial_check():
    """Whether a serial number is already registered, for the intake form's script."""
    known = listings.devices_with_serial(db.session, request.args.get("serial", ""))
    found = [
        {
            "code": codes.display(row.code),
            "url": url_for("device.detail", code=row.code),
            "description": " ".join(filter(None, [row.manufacturer, row.model])),
        }
        for row in known
    ]
    message = ""
    if found:
        message = _(
            "This serial number is already registered: %(devices)s.",
            devices=", ".join(f"{d['code']} ({d['description']})" for d in found),
        )
    return jsonify(known=bool(found), devices=found, message=message)
