"""Reuse: follow donated devices from the operator's stock to the associations."""

import os

from flask import Flask

from reuse import config as settings


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings from the environment, then `config` on top (tests)."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="web/templates",
        static_folder="web/static",
    )
    app.config.from_mapping(settings.from_environment(app.instance_path))
    if config:
        app.config.from_mapping(config)
    settings.require_secret_key(app.config, app.debug)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_request_guards(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the extensions created unbound in reuse.extensions."""
    from reuse import database
    from reuse.extensions import babel, csrf, db, login_manager, migrate
    from reuse.web.i18n import select_locale

    os.makedirs(app.instance_path, exist_ok=True)  # home of the SQLite default
    db.init_app(app)
    database.configure_engines(app)
    migrate.init_app(app, db, directory=str(database.MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"


def register_blueprints(app: Flask) -> None:
    """Mount the web UI and the REST API."""
    from api import register_blueprints as register_api
    from reuse.web import register_blueprints as register_web

    register_web(app)
    register_api(app)


def register_error_handlers(app: Flask) -> None:
    """Answer errors in JSON under /api/ and with a page elsewhere, from one dispatcher."""
    from flask import request
    from sqlalchemy.exc import DBAPIError
    from werkzeug.exceptions import HTTPException, ServiceUnavailable

    from api.common import SAFE_METHODS
    from api.errors import answer as api_answer
    from reuse.errors import ReuseError
    from reuse.extensions import db
    from reuse.web.errors import answer as web_answer

    def answer(error: Exception):
        return api_answer(error) if request.path.startswith("/api/") else web_answer(error)

    def database_lost(error: DBAPIError):
        # Without a pool pre-ping (a round trip per request), the first statement after a
        # database restart finds its connection dead; SQLAlchemy then renews the whole pool,
        # so the next request works: say so with a 503 rather than a bare 500.
        if not error.connection_invalidated:
            raise error
        db.session.rollback()  # the error page must not meet the dead transaction again
        app.logger.warning("database connection lost, pool renewed: %s", error.orig)
        if request.method in SAFE_METHODS:
            lost = ServiceUnavailable("The database connection was lost and renewed: retry.")
            response = app.make_response(answer(lost))
            response.headers["Retry-After"] = "1"
            return response
        # A change may or may not have been committed when the connection dropped.
        lost = ServiceUnavailable(
            "The database connection was lost while saving: check whether your change was "
            "saved before sending it again."
        )
        return answer(lost)

    app.register_error_handler(HTTPException, answer)
    app.register_error_handler(ReuseError, answer)
    app.register_error_handler(DBAPIError, database_lost)


def register_request_guards(app: Flask) -> None:
    """Refuse, before any view, input that no database text can store (NUL characters)."""
    from flask import abort, request

    @app.before_request
    def refuse_nul_characters():
        texts = [*request.args.values(), *request.form.values()]
        if any("\x00" in text for text in texts) or "\x00" in request.path:
            abort(400, description="Text must not contain NUL characters.")


def register_commands(app: Flask) -> None:
    """Add the flask commands of reuse.cli."""
    from reuse.cli import register_commands as register_cli

    register_cli(app)
