"""Configuration read from environment variables, with the defaults of an embedded SQLite set-up."""

import os
from pathlib import Path

#: Environment variables the app reads, with what they hold (the README's configuration table).
ENVIRONMENT = {
    "REUSE_DATABASE_URL": "SQLAlchemy URL of the database (default: SQLite file in instance/)",
    "REUSE_SECRET_KEY": "secret that signs sessions and CSRF tokens (required outside debug, "
    "demo and tests)",
    "REUSE_PUBLIC_URL": "public base URL printed in QR codes (default http://127.0.0.1:5000)",
    "REUSE_REFURBISHER_NAME": "who refurbished the devices, shown on the public device page",
    "REUSE_TIMEZONE": "time zone in which pages show dates and times (default Europe/Paris)",
}


class MissingSecretKey(RuntimeError):
    """The app was asked to serve requests without REUSE_SECRET_KEY."""


def database_url(url: str) -> str:
    """The URL with the driver we install: postgres:// and postgresql:// mean psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def from_environment(instance_path: str) -> dict:
    """Settings from the environment; the SQLite default lives in the instance folder."""
    default_db = "sqlite:///" + str(Path(instance_path) / "reuse.sqlite3")
    return {
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("REUSE_DATABASE_URL") or default_db),
        "SECRET_KEY": os.environ.get("REUSE_SECRET_KEY") or None,
        "REUSE_PUBLIC_URL": (os.environ.get("REUSE_PUBLIC_URL") or "http://127.0.0.1:5000").rstrip(
            "/"
        ),
        "REUSE_REFURBISHER_NAME": os.environ.get("REUSE_REFURBISHER_NAME") or "Reuse",
        "REUSE_TIMEZONE": os.environ.get("REUSE_TIMEZONE") or "Europe/Paris",
        # No pre-ping: it costs a round trip per request. After a database restart, the first
        # statement on a dead connection fails once (503) and SQLAlchemy renews the whole pool;
        # connections are also renewed after 30 minutes, before firewalls drop idle ones.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_recycle": 1800},
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_TRANSLATION_DIRECTORIES": "web/translations",
        "LANGUAGES": ["fr", "en"],
    }


def require_secret_key(config: dict, debug: bool) -> None:
    """Refuse to serve without a secret key, except in debug and tests (the demo sets its own).

    Under the flask command line, commands that never serve (migrations, users, imports) run
    without it; `flask run` outside debug then fails at the first session with Flask's own error.
    """
    if config.get("SECRET_KEY") or debug or config.get("TESTING"):
        return
    if os.environ.get("FLASK_RUN_FROM_CLI") == "true":
        return
    raise MissingSecretKey(
        "REUSE_SECRET_KEY is not set: set it to a long random string "
        "(python -c 'import secrets; print(secrets.token_urlsafe(48))')"
    )
