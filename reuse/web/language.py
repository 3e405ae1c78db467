"""The language switch: the choice is kept in the session, and on the account when signed in."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_login import current_user

from reuse.extensions import db
from reuse.services import accounts
from reuse.web.forms import attempt

bp = Blueprint("language", __name__)


@bp.post("/language")
def switch():
    """Speak the chosen language from now on, and come back to the same page."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated and current_user.locale != locale:
            attempt(None, lambda: accounts.set_locale(db.session, current_user.id, locale))
    return redirect(_local(request.form.get("next")))


def _local(target: str | None) -> str:
    """Go back to the page the switch was on, never to another site."""
    if target and target.startswith("/") and not urlsplit(target).netloc:
        return target.rstrip("?")
    return url_for("home.index")
