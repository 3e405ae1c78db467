"""Readable pages for errors that reach the web UI (the API answers in JSON instead)."""

from flask import render_template
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from reuse.errors import NotFound, PermissionDenied, ReuseError


def answer(error: Exception):
    """The error page for a domain error or an HTTP error."""
    if isinstance(error, NotFound):
        return render_template("error.html", title=_("Not found"), message=error.message), 404
    if isinstance(error, PermissionDenied):
        return render_template("error.html", title=_("Forbidden"), message=error.message), 403
    if isinstance(error, ReuseError):
        return render_template("error.html", title=_("Refused"), message=error.message), 409
    if isinstance(error, HTTPException):
        titles = {
            403: (_("Forbidden"), _("Your role does not give access to this page.")),
            404: (_("Not found"), _("This page does not exist.")),
        }
        title, message = titles.get(error.code, (error.name, error.description))
        return render_template("error.html", title=title, message=message), error.code
    raise error
