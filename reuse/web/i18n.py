"""Which language a page speaks: the user's choice, then the browser's, then French."""

from flask import current_app, request, session
from flask_login import current_user


def select_locale() -> str:
    """The locale for this request."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or languages[0]
