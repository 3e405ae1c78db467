"""The server-rendered web UI."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Mount every web blueprint."""
    from flask_babel import get_locale

    from reuse.web import auth, home, labels, vocabulary

    app.register_blueprint(auth.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(labels.bp)
    app.add_template_global(get_locale, "current_locale")
    app.add_template_global(
        lambda value: vocabulary.STATUS.get(_value(value), value), "status_label"
    )
    app.add_template_global(
        lambda value: vocabulary.CATEGORY.get(_value(value), value), "category_label"
    )
    app.add_template_global(lambda value: vocabulary.ROLE.get(_value(value), value), "role_label")


def _value(member) -> str:
    return getattr(member, "value", member)
