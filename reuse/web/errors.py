"""Readable pages for errors that escape a view."""

from flask import Flask, render_template
from flask_babel import gettext as _

from reuse.errors import NotFound, PermissionDenied, ReuseError


def register_error_handlers(app: Flask) -> None:
    """Map domain errors and HTTP errors to pages."""

    @app.errorhandler(NotFound)
    def not_found(error: NotFound):
        return render_template("error.html", title=_("Not found"), message=error.message), 404

    @app.errorhandler(PermissionDenied)
    def forbidden(error: PermissionDenied):
        return render_template("error.html", title=_("Forbidden"), message=error.message), 403

    @app.errorhandler(ReuseError)
    def refused(error: ReuseError):
        return render_template("error.html", title=_("Refused"), message=error.message), 409

    @app.errorhandler(403)
    def http_forbidden(_error):
        message = _("Your role does not give access to this page.")
        return render_template("error.html", title=_("Forbidden"), message=message), 403

    @app.errorhandler(404)
    def http_not_found(_error):
        message = _("This page does not exist.")
        return render_template("error.html", title=_("Not found"), message=message), 404
