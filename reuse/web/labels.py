"""Printing device labels as PDF from the web, and the public page that a label's QR code opens."""

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict
from werkzeug.utils import secure_filename

from labels import LAYOUTS
from reuse import codes, permissions
from reuse.errors import DeviceNotFound, InvalidCode, NotFound, ValidationFailed
from reuse.extensions import db
from reuse.models import Collection, Device, Role
from reuse.services import labelling
from reuse.services.actors import Actor
from reuse.services.devices import find as find_device
from reuse.web import vocabulary

bp = Blueprint("labels", __name__)

#: Roles that work on devices: the public page sends them on to the full device page.
STAFF = frozenset({Role.ADMIN, Role.COORDINATOR, Role.WAREHOUSE})
#: The full device page (it takes the code), by the name its blueprint gives it.
DEVICE_PAGES = ("devices.detail", "device.detail")

LAYOUT_NAMES = {
    "L7160": _l("Avery L7160: A4, 21 labels"),
    "L7163": _l("Avery L7163: A4, 14 labels"),
    "thermal-50x25": _l("Thermal label 50 × 25 mm"),
}
GRADES = {
    "A": _l("A, like new"),
    "B": _l("B, visible wear"),
    "C": _l("C, heavy wear but works"),
}
#: NIST SP 800-88 methods: the standard's name, kept in every language, and what it means.
ERASURE_METHODS = {
    "clear": _l("Clear, the data overwritten"),
    "purge": _l("Purge, a block or cryptographic erase"),
    "destroy": _l("Destroy, the drive destroyed"),
}


#: Labels one web print may make: about ten seconds of drawing, well within a server's timeout.
MOST_LABELS = 2_000


def label_wording() -> labelling.Wording:
    """The words labels print, in the current language."""
    return labelling.Wording(
        categories={value: str(name) for value, name in vocabulary.CATEGORY.items()},
        gigabyte=_("GB"),
        terabyte=_("TB"),
    )


@bp.app_template_global()
def label_layouts() -> list[tuple[str, str]]:
    """(name, description) of each label stock, for the print form's select."""
    return [
        (name, str(LAYOUT_NAMES.get(name, stock.description))) for name, stock in LAYOUTS.items()
    ]


@bp.app_template_global()
def can_print_labels() -> bool:
    """Whether the signed-in user may print labels."""
    return current_user.is_authenticated and permissions.allows(current_user.role, "labels.print")


def _whole_number(values: MultiDict, name: str, default: int) -> int:
    raw = (values.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValidationFailed(f"'{raw}' is not a whole number", field=name) from None


def _printer() -> Actor:
    """The signed-in user as an actor, if they may print labels."""
    actor = Actor.of(current_user)
    permissions.require(actor, "labels.print")
    return actor


def _pdf(
    actor: Actor,
    select: Callable[[], list[Device]],
    values: MultiDict,
    filename: Callable[[list[Device]], str],
) -> Response:
    """Print the selected devices' labels as a PDF that opens in the browser; one transaction."""
    try:
        options = labelling.print_options(
            "pdf",
            layout=(values.get("layout") or "").strip() or None,
            skip=_whole_number(values, "skip", 0),
            copies=_whole_number(values, "copies", 1),
        )
        selected = select()
        printed = labelling.print_labels(
            db.session,
            actor,
            selected,
            options,
            public_url=current_app.config["REUSE_PUBLIC_URL"],
            wording=label_wording(),
            most=MOST_LABELS,
        )
    except (ValidationFailed, InvalidCode) as error:
        db.session.rollback()
        page = render_template("error.html", title=_("Labels not printed"), message=error.message)
        return Response(page, status=400)
    db.session.commit()
    return Response(
        printed.files[0].content,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename(selected)}"',
            "Cache-Control": "no-store",
        },
    )


@bp.get("/devices/<code>/labels.pdf")
@login_required
def device(code: str):
    """One device's label(s): ?layout=L7160|L7163|thermal-50x25&skip=N&copies=N."""
    return _pdf(
        _printer(),
        lambda: [find_device(db.session, code)],
        request.args,
        lambda selected: f"labels-{codes.display(selected[0].code)}.pdf",
    )


@bp.get("/collections/<int:collection_id>/labels.pdf")
@login_required
def collection(collection_id: int):
    """The labels of every device of a collection, in registration order."""
    actor = _printer()
    found = db.session.get(Collection, collection_id)
    if found is None:
        raise NotFound(_("No collection has the id %(id)s.", id=collection_id))
    name = secure_filename(found.reference) or str(collection_id)
    return _pdf(
        actor,
        lambda: labelling.devices_matching(db.session, collection_id=collection_id),
        request.args,
        lambda _selected: f"labels-{name}.pdf",
    )


@bp.post("/labels/sheet.pdf")
@login_required
def sheet():
    """The labels of the devices whose codes were posted (field `codes` or `code`, repeated)."""
    posted = request.form.getlist("codes") + request.form.getlist("code")
    raw_codes = [raw for raw in posted if raw.strip()]
    return _pdf(
        _printer(),
        lambda: labelling.devices_by_codes(db.session, raw_codes),
        request.form,
        lambda _selected: "labels.pdf",
    )


@bp.get("/d")
def lookup():
    """The form on the public pages: send a typed code to its page."""
    raw = (request.args.get("code") or "").strip()
    try:
        code = codes.normalise(raw)
    except InvalidCode:
        return render_template("labels_public_error.html", code=raw, invalid=True), 400
    return redirect(url_for("labels.public_device", code=code))


@bp.get("/d/<code>")
def public_device(code: str):
    """The page a label's QR code opens: no sign-in, nothing personal."""
    try:
        facts = labelling.public_device(db.session, code, label_wording())
    except InvalidCode:
        return render_template("labels_public_error.html", code=code, invalid=True), 400
    except DeviceNotFound:
        shown = codes.display(codes.normalise(code))
        return render_template("labels_public_error.html", code=shown, invalid=False), 404
    full_page = next((e for e in DEVICE_PAGES if e in current_app.view_functions), None)
    if full_page and current_user.is_authenticated and current_user.role in STAFF:
        return redirect(url_for(full_page, code=facts.code))
    return render_template(
        "public_device.html",
        public=facts,
        code=codes.display(facts.code),
        grade=GRADES.get(getattr(facts.grade, "value", ""), ""),
        erasure_method=(ERASURE_METHODS.get(facts.erasure.method.value) if facts.erasure else None),
        refurbisher=current_app.config["REUSE_REFURBISHER_NAME"],
    )
