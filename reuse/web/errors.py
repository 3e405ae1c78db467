"""Readable pages for errors that reach the web UI (the API answers in JSON instead)."""

from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from reuse.errors import NotFound, PermissionDenied, ReuseError
from reuse.web.messages import translate


def answer(error: Exception):
    """The error page for a domain error or an HTTP error."""
    if isinstance(error, ReuseError):
        message = translate(error.message)
        if isinstance(error, NotFound):
            return render_template("error.html", title=_("Not found"), message=message), 404
        if isinstance(error, PermissionDenied):
            return render_template("error.html", title=_("Forbidden"), message=message), 403
        return render_template("error.html", title=_("Refused"), message=message), 409
    if isinstance(error, CSRFError):
        message = _("The form was sent without its security token: reload the page.")
        return render_template("error.html", title=_("Refused"), message=message), 400
    if isinstance(error, HTTPException):
        titles = {
            403: (_("Forbidden"), _("Your role does not give access to this page.")),
            404: (_("Not found"), _("This page does not exist.")),
            503: (
                _("Database unavailable"),
                _(
                    "The connection to the database was lost and has been renewed. If you were "
                    "saving a change, check whether it was saved before sending it again."
                ),
            ),
        }
        title, message = titles.get(error.code, (error.name, error.description))
        return render_template("error.html", title=title, message=message), error.code
    raise error
