"""The refurbishment queue: devices by stage, the longest waiting first, with bulk actions."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from reuse.errors import ValidationFailed
from reuse.extensions import db
from reuse.models import DeviceStatus
from reuse.services import listings
from reuse.services import queue as work_queue
from reuse.web.access import actor, require_permission
from reuse.web.collections import warehouse_choices
from reuse.web.forms import ChoiceField, ServiceForm, attempt, chosen, optional_int
from reuse.web.messages import translate
from reuse.web.vocabulary import choices

bp = Blueprint("queue", __name__, url_prefix="/queue")

#: What each bulk change is called on its button.
BULK_LABELS = {"received": _l("Receive at the warehouse"), "ready": _l("Mark ready")}
FILTERS = ("stage", "category", "warehouse_id", "collection_id")


class QueueFilterForm(ServiceForm):
    """The queue's filters (read from the query string)."""

    class Meta:
        csrf = False

    category = ChoiceField(_l("Category"))
    warehouse_id = ChoiceField(_l("Warehouse"))

    def fill_choices(self) -> None:
        self.category.choices = choices("category", blank=_("Any"))
        self.warehouse_id.choices = [(str(v), label) for v, label in warehouse_choices(_("Any"))]


class MoveForm(ServiceForm):
    """A bulk move's options: the warehouse, when devices are received."""

    warehouse_id = ChoiceField(_l("Warehouse that received them"), coerce=optional_int)

    def fill_choices(self) -> None:
        self.warehouse_id.choices = warehouse_choices(_("Choose"))


def _stage() -> DeviceStatus:
    try:
        stage = DeviceStatus(request.values.get("stage", "received"))
    except ValueError:
        stage = DeviceStatus.RECEIVED
    return stage if stage in work_queue.STAGES else DeviceStatus.RECEIVED


def _filters(form: QueueFilterForm) -> work_queue.QueueFilters:
    category = chosen(form.category)
    warehouse = chosen(form.warehouse_id)
    collection = request.values.get("collection_id", type=int)
    return work_queue.QueueFilters(
        category=category or None,
        warehouse_id=int(warehouse) if warehouse else None,
        collection_id=collection,
    )


@bp.get("/")
@require_permission("devices.write")
def index():
    """The devices waiting at one stage, the longest waiting first."""
    return _page(MoveForm())


@bp.post("/move")
@require_permission("devices.write")
def move():
    """Move the ticked devices to the next stage, all of them or none."""
    form = MoveForm()
    form.fill_choices()
    kind = request.form.get("kind", "")
    picked = request.form.getlist("codes")
    picks = [
        work_queue.Pick(code, request.form.get(f"version-{code}", type=int) or 0) for code in picked
    ]
    refusals: dict[str, list[str]] = {}
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: work_queue.move(
                db.session, actor(), picks, kind, warehouse_id=form.warehouse_id.data
            ),
        )
        if outcome.ok:
            moved = len(outcome.value)
            flash(ngettext("%(num)s device moved.", "%(num)s devices moved.", moved), "success")
            return redirect(url_for("queue.index", **_kept_filters()))
        if isinstance(outcome.error, ValidationFailed):
            refusals = {
                code: [translate(m) for m in messages]
                for code, messages in outcome.error.errors.items()
                if code in picked
            }
        return _page(form, refusals, set(picked), outcome.status)
    return _page(form, refusals, set(picked), 422)


def _kept_filters() -> dict:
    return {name: request.values[name] for name in FILTERS if request.values.get(name)}


def _page(form: MoveForm, refusals=None, picked=frozenset(), status: int = 200):
    form.fill_choices()
    filter_form = QueueFilterForm(request.values)
    filter_form.fill_choices()
    filters = _filters(filter_form)
    stage = _stage()
    offset = max(request.values.get("offset", 0, type=int), 0)
    return (
        render_template(
            "queue.html",
            stage=stage,
            stages=work_queue.STAGES,
            counts=work_queue.stage_counts(db.session, filters),
            page=work_queue.queue_page(db.session, stage, filters, offset=offset),
            filter_form=filter_form,
            form=form,
            bulk=[(kind, BULK_LABELS[kind]) for kind in work_queue.bulk_kinds(stage)],
            refusals=refusals or {},
            picked=picked,
            kept=_kept_filters(),
            collection=listings.collection(db.session, filters.collection_id)
            if filters.collection_id
            else None,
        ),
        status,
    )
