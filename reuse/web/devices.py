"""Devices: the list, a scanned code's page, and the page of one device with its actions.

The page offers only what the lifecycle allows in the device's status (lifecycle.allowed_kinds
and lifecycle.WORK_STATUSES); every form carries the version it was drawn from, so a change made
meanwhile by someone else is refused with a clear message instead of being overwritten.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField

from reuse.errors import InvalidCode, ReuseError
from reuse.extensions import db
from reuse.services import devices, intake, lifecycle, listings
from reuse.services.listings import DeviceFilters
from reuse.web import device_actions
from reuse.web.access import actor, can, require_permission
from reuse.web.collections import warehouse_choices
from reuse.web.forms import ChoiceField, ServiceForm, attempt, chosen, form_status
from reuse.web.intake import IntakeForm
from reuse.web.messages import translate
from reuse.web.vocabulary import choices

bp = Blueprint("device", __name__, url_prefix="/devices")


class FilterForm(ServiceForm):
    """The device list's filters (read from the query string)."""

    class Meta:
        csrf = False

    q = StringField(_l("Code, serial, asset tag or model"))
    status = ChoiceField(_l("Status"))
    category = ChoiceField(_l("Category"))
    warehouse_id = ChoiceField(_l("Warehouse"))

    def fill_choices(self) -> None:
        self.status.choices = choices("status", blank=_("Any"))
        self.category.choices = choices("category", blank=_("Any"))
        self.warehouse_id.choices = [(str(v), label) for v, label in warehouse_choices(_("Any"))]

    def filters(self) -> DeviceFilters:
        """The filters asked for; a value that is not a choice is ignored."""
        warehouse = chosen(self.warehouse_id)
        return DeviceFilters(
            status=chosen(self.status),
            category=chosen(self.category),
            warehouse_id=int(warehouse) if warehouse else None,
            text=(self.q.data or "").strip() or None,
        )


@bp.get("/")
@require_permission("devices.read")
def index():
    """Devices, newest first, filtered and paged by key."""
    form = FilterForm(request.args)
    form.fill_choices()
    filters = form.filters()
    page = listings.device_page(db.session, filters, after=request.args.get("after", type=int))
    args = {key: value for key, value in request.args.items() if key != "after" and value}
    return render_template("devices.html", form=form, page=page, args=args)


@bp.get("/find")
@require_permission("devices.read")
def find():
    """Open the device whose code was scanned or typed (a URL, a bare code, any layout); what is
    not a code (a serial, an asset tag, a model) is searched in the device list."""
    raw = request.args.get("code", "")
    try:
        device = devices.find(db.session, raw)
    except InvalidCode:
        if not raw.strip():
            return redirect(url_for("device.index"))
        return redirect(url_for("device.index", q=raw.strip()))
    except ReuseError as error:
        flash(translate(error.message), "error")
        return redirect(request.referrer or url_for("device.index"))
    return redirect(url_for("device.detail", code=device.code))


@bp.get("/<code>")
@require_permission("devices.read")
def detail(code: str):
    """A device: its specs, records, history and the actions its status allows."""
    record = listings.device_record(db.session, code)
    if record.device.code != code:
        return redirect(url_for("device.detail", code=record.device.code))
    return _page(record)


@bp.post("/<code>/<action>")
@require_permission("devices.write")
def act(code: str, action: str):
    """Apply one of the device page's actions, then show the page again."""
    if action not in device_actions.ACTIONS:
        abort(404)
    record = listings.device_record(db.session, code)
    form = device_actions.make_form(action, record.device)
    if form.validate_on_submit():
        outcome = attempt(
            form, lambda: device_actions.run(db.session, actor(), record.device, action, form)
        )
        if outcome.ok:
            flash(device_actions.done_message(action, record.device), "success")
            return redirect(url_for("device.detail", code=record.device.code))
        # Show the page as it is now, with the refused form as it was sent.
        record = listings.device_record(db.session, code)
        return _page(record, {action: form}, outcome.status)
    return _page(record, {action: form}, form_status(form))


class EditForm(IntakeForm):
    """The descriptive fields of a device, with the version they were read at."""

    expected_version = device_actions.VersionField()


@bp.route("/<code>/edit", methods=["GET", "POST"])
@require_permission("devices.write")
def edit(code: str):
    """Correct a device's descriptive fields; the change goes in its history."""
    device = listings.device_record(db.session, code).device
    form = EditForm(obj=device if request.method == "GET" else None)
    form.fill_choices()
    if request.method == "GET":
        form.expected_version.data = device.version
        for name in ("category", "storage_type"):
            value = getattr(device, name)
            form[name].data = value.value if value is not None else ""
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: intake.update_device(
                db.session,
                actor(),
                device,
                expected_version=form.expected_version.data,
                **form.device_fields(),
            ),
        )
        if outcome.ok:
            flash(_("Device details saved."), "success")
            return redirect(url_for("device.detail", code=device.code))
    return render_template("device_edit.html", device=device, form=form), form_status(form)


def _page(record: listings.DeviceRecord, sent: dict | None = None, status: int = 200):
    device = record.device
    offered = device_actions.offered(device) if can("devices.write") else []
    forms = {action: device_actions.make_form(action, device, fresh=True) for action in offered}
    forms.update(sent or {})
    # A refused action the device no longer offers has no form on the page to carry its error.
    alerts = [
        message
        for action, form in (sent or {}).items()
        if action not in offered
        for message in [*form.form_errors, *(m for f in form for m in f.errors)]
    ]
    problems = []
    if "ready" in offered or device.status in lifecycle.WORK_STATUSES:
        problems = [translate(p) for p in lifecycle.readiness_problems(db.session, device)]
    return (
        render_template(
            "device.html",
            record=record,
            device=device,
            offered=offered,
            forms=forms,
            problems=problems,
            alerts=alerts,
            focus=device_actions.next_step(record, offered),
            payload=device_actions.payload_lines,
        ),
        status,
    )
