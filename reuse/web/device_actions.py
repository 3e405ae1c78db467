"""The short forms of a device's page: one per action, each calling one refurbishment service.

Which actions a device offers comes from the lifecycle's own tables; this module only names the
forms and passes their fields on.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.widgets import HiddenInput

from reuse import codes
from reuse.models import Device, Outcome
from reuse.services import intake, lifecycle, refurbishment
from reuse.services.actors import Actor
from reuse.web.collections import warehouse_choices
from reuse.web.forms import ChoiceField, ServiceForm, optional_int
from reuse.web.vocabulary import choices, term


class VersionField(IntegerField):
    """The device version the form was drawn from (a stale form is refused)."""

    widget = HiddenInput()


class ActionForm(ServiceForm):
    """Base of the device forms: the version the page was drawn from."""

    expected_version = VersionField()

    def fill_choices(self) -> None:
        """Set choices read from the database (none by default)."""


class ReceiveForm(ActionForm):
    """The warehouse a collected device arrived at."""

    warehouse_id = ChoiceField(_l("Warehouse"), coerce=optional_int)

    def fill_choices(self) -> None:
        self.warehouse_id.choices = warehouse_choices(_("Choose"))


class ErasureForm(ActionForm):
    """The sanitisation of one drive, as NIST SP 800-88 names it."""

    method = ChoiceField(_l("Method (NIST SP 800-88)"))
    technique = ChoiceField(_l("Technique"))
    result = ChoiceField(_l("Result"), default="passed")
    drive_serial = StringField(_l("Drive serial number"))
    tool = StringField(_l("Tool and version"))
    certificate_ref = StringField(_l("Certificate reference"))

    def fill_choices(self) -> None:
        self.method.choices = choices("erasure_method", blank=_("Choose"))
        self.technique.choices = choices("erasure_technique", blank="–")
        self.result.choices = choices("outcome")


class TestForm(ActionForm):
    """A functional test and its outcome."""

    result = ChoiceField(_l("Result"), default="passed")
    notes = TextAreaField(_l("Notes"))

    def fill_choices(self) -> None:
        self.result.choices = choices("outcome")


class GradeForm(ActionForm):
    """The cosmetic grade of a working device."""

    grade = ChoiceField(_l("Grade"))

    def fill_choices(self) -> None:
        self.grade.choices = choices("grade", blank=_("Choose"))


class ChecklistForm(ActionForm):
    """The preparation steps ANSSI asks for, and the system installed."""

    uefi_reset = BooleanField(_l("UEFI/BIOS settings reset"))
    tpm_cleared = BooleanField(_l("TPM cleared"))
    bios_password_removed = BooleanField(_l("BIOS password removed"))
    donor_marks_removed = BooleanField(_l("Donor's stickers and QR codes removed"))
    os_installed = StringField(_l("Operating system installed"))


class ReadyForm(ActionForm):
    """Declaring a refurbished device ready (the lifecycle checks its records)."""

    pass


class RecycleForm(ActionForm):
    """Sending a device to recycling, with the reason."""

    reason = StringField(_l("Why it cannot be reused"))


class ReturnForm(ActionForm):
    """Taking a delivered device back."""

    reason = StringField(_l("Why it came back"))
    warehouse_id = ChoiceField(_l("Back at warehouse"), coerce=optional_int)

    def fill_choices(self) -> None:
        self.warehouse_id.choices = warehouse_choices(_("The same as before"))


#: action name -> its form, in the order the page shows them
ACTIONS: dict[str, type[ActionForm]] = {
    "receive": ReceiveForm,
    "erasure": ErasureForm,
    "test": TestForm,
    "grade": GradeForm,
    "checklist": ChecklistForm,
    "ready": ReadyForm,
    "return": ReturnForm,
    "recycle": RecycleForm,
}
#: Actions that record refurbishment work (allowed in lifecycle.WORK_STATUSES).
WORK_ACTIONS = ("erasure", "test", "grade", "checklist")
#: Actions that are a lifecycle transition, with the transition's kind.
TRANSITION_ACTIONS = {
    "receive": "received",
    "ready": "ready",
    "recycle": "recycled",
    "return": "returned",
}

TITLES = {
    "receive": _l("Receive at a warehouse"),
    "erasure": _l("Record a data erasure"),
    "test": _l("Record a functional test"),
    "grade": _l("Grade"),
    "checklist": _l("Preparation checklist"),
    "ready": _l("Mark ready"),
    "return": _l("Take back (returned)"),
    "recycle": _l("Send to recycling"),
}


def offered(device: Device) -> list[str]:
    """The actions the lifecycle allows on this device now, in page order."""
    allowed = set(lifecycle.allowed_kinds(device))
    working = device.status in lifecycle.WORK_STATUSES
    return [
        action
        for action in ACTIONS
        if (action in WORK_ACTIONS and working) or TRANSITION_ACTIONS.get(action) in allowed
    ]


def make_form(action: str, device: Device, *, fresh: bool = False) -> ActionForm:
    """The action's form: fresh (for the page) or read from the request (when sent)."""
    form_class = ACTIONS[action]
    form = form_class(formdata=None, prefix=action) if fresh else form_class(prefix=action)
    form.fill_choices()
    if fresh:
        form.expected_version.data = device.version
        if action == "checklist":
            form.os_installed.data = device.os or ""
        if action == "grade" and device.grade is not None:
            form.grade.data = device.grade.value
    return form


def run(session: Session, actor: Actor, device: Device, action: str, form: ActionForm) -> None:
    """Call the service of `action` with the form's fields."""
    version = form.expected_version.data
    values = form.values()
    values.pop("expected_version")
    if action == "receive":
        intake.receive_device(
            session, actor, device, values["warehouse_id"], expected_version=version
        )
    elif action == "erasure":
        values = {name: value or None for name, value in values.items()}
        refurbishment.record_erasure(session, device, actor, expected_version=version, **values)
    elif action == "test":
        refurbishment.record_test(session, device, actor, expected_version=version, **values)
    elif action == "grade":
        refurbishment.set_grade(session, device, actor, values["grade"], expected_version=version)
    elif action == "checklist":
        refurbishment.update_checklist(session, device, actor, expected_version=version, **values)
    elif action == "ready":
        refurbishment.mark_ready(session, device, actor, expected_version=version)
    elif action == "recycle":
        refurbishment.recycle(session, device, actor, values["reason"], expected_version=version)
    elif action == "return":
        refurbishment.return_device(
            session,
            device,
            actor,
            values["reason"] or None,
            warehouse_id=values["warehouse_id"],
            expected_version=version,
        )


def done_message(action: str, device: Device) -> str:
    """What the page says after the action succeeded."""
    code = codes.display(device.code)
    messages = {
        "receive": _("Device %(code)s received.", code=code),
        "erasure": _("Erasure recorded on %(code)s.", code=code),
        "test": _("Test recorded on %(code)s.", code=code),
        "grade": _("%(code)s graded %(grade)s.", code=code, grade=term("grade", device.grade)),
        "checklist": _("Checklist of %(code)s saved.", code=code),
        "ready": _("%(code)s is ready to be allocated.", code=code),
        "recycle": _("%(code)s sent to recycling.", code=code),
        "return": _("%(code)s is back in stock: erase and test it again.", code=code),
    }
    return messages[action]


def next_step(record, offered_actions: list[str]) -> str | None:
    """The form the cursor starts in: where the work on this device stands (a hint only)."""
    if "receive" in offered_actions:
        return "receive"
    if "erasure" not in offered_actions:
        return None
    cycle = record.device.cycle
    if not any(e.cycle == cycle and e.result == Outcome.PASSED for e in record.erasures):
        return "erasure"
    if not any(t.cycle == cycle for t in record.tests):
        return "test"
    if record.device.grade is None:
        return "grade"
    return "ready" if "ready" in offered_actions else None


#: Event details worth showing, with their labels.
_PAYLOAD_LABELS = {
    "reason": _l("Reason"),
    "grade": _l("Grade"),
    "result": _l("Result"),
    "method": _l("Method"),
    "certificate_ref": _l("Certificate"),
    "drive_serial": _l("Drive"),
    "notes": _l("Notes"),
    "source": _l("Source"),
    "file": _l("File"),
}
_PAYLOAD_TERMS = {
    "result": "outcome",
    "method": "erasure_method",
    "grade": "grade",
    "source": "source",
}


def payload_lines(event) -> list[tuple[str, str]]:
    """(label, value) pairs that say what an event recorded."""
    payload = event.payload or {}
    if event.kind == "updated":
        return [
            (name, f"{change.get('from') or '–'} → {change.get('to') or '–'}")
            for name, change in payload.items()
            if isinstance(change, dict)
        ]
    lines = []
    for name, label in _PAYLOAD_LABELS.items():
        value = payload.get(name)
        if value in (None, ""):
            continue
        if name in _PAYLOAD_TERMS:
            value = term(_PAYLOAD_TERMS[name], value)
        lines.append((str(label), str(value)))
    return lines
