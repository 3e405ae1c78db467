"""Thin forms: Flask-WTF checks the shape and the CSRF token; the services check the rules.

`attempt` is the one way a view writes: call the services, commit once, or roll back and show
each domain error next to the field it names.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, SelectField

from reuse.errors import (
    Conflict,
    ImportRejected,
    NotFound,
    PermissionDenied,
    ReuseError,
    ValidationFailed,
)
from reuse.extensions import db
from reuse.web.messages import translate


class ServiceForm(FlaskForm):
    """A form whose fields are named after the keyword arguments of the service it feeds."""

    def values(self, *names: str) -> dict[str, Any]:
        """The submitted data by field name (all fields but the CSRF token, or only `names`)."""
        wanted = names or [name for name in self._fields if name != "csrf_token"]
        return {name: self._fields[name].data for name in wanted}


class ChoiceField(SelectField):
    """A select whose value the service checks, so a refusal names the rule, not the widget."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)


@dataclass
class Outcome:
    """What a service call gave: its value, or the error shown on the form."""

    ok: bool
    value: Any = None
    error: ReuseError | None = None

    @property
    def status(self) -> int:
        """The HTTP status to render the form again with."""
        return status_for(self.error) if self.error else 200


def attempt(form: FlaskForm | None, work: Callable[[], Any]) -> Outcome:
    """Run `work` (service calls) and commit; on a domain error roll back and show it on `form`."""
    try:
        value = work()
        db.session.commit()
    except ReuseError as error:
        db.session.rollback()
        if form is not None:
            show_error(form, error)
        return Outcome(False, error=error)
    return Outcome(True, value)


def show_error(form: FlaskForm, error: ReuseError) -> None:
    """Put the error's messages on the fields they name, the rest on the form as a whole."""
    if isinstance(error, ValidationFailed):
        items = error.errors.items()
    else:
        items = [(error.field, [error.message])]
    form.refusal = error
    for name, messages in items:
        target = form._fields.get(name) if name else None
        translated = [translate(message) for message in messages]
        if isinstance(target, Field):
            target.errors = [*_as_list(target.errors), *translated]
        else:
            form.form_errors.extend(translated)


def _as_list(errors) -> list:
    return list(errors) if isinstance(errors, list | tuple) else []


def status_for(error: ReuseError | None) -> int:
    """The HTTP status that tells what kind of refusal the page shows."""
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, ValidationFailed | ImportRejected):
        return 422
    return 400


def form_status(form: FlaskForm) -> int:
    """The status of a form page: the service's refusal, 422 for a malformed form, else 200."""
    refusal = getattr(form, "refusal", None)
    if refusal is not None:
        return status_for(refusal)
    return 422 if form.errors or form.form_errors else 200


def optional_int(value: Any) -> int | None:
    """An id from a select whose empty choice means none."""
    if value in (None, "", "None"):
        return None
    return int(value)


def chosen(field) -> str | None:
    """A filter select's value if it is one of its choices, else None (a stale link is ignored)."""
    value = field.data
    if value in (None, ""):
        return None
    return value if str(value) in {str(choice[0]) for choice in field.choices} else None
