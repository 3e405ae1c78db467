"""The server-rendered web UI: one blueprint module per area."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from flask_babel import format_datetime


def register_blueprints(app: Flask) -> None:
    """Mount every web blueprint and the helpers templates share."""
    from reuse.web import (
        admin,
        allocations,
        associations,
        auth,
        collections,
        dashboard,
        devices,
        intake,
        labels,
        language,
        needs,
        programmes,
        queue,
        sites,
    )

    for module in (
        auth,
        dashboard,
        language,
        sites,
        collections,
        intake,
        devices,
        queue,
        associations,
        programmes,
        needs,
        admin,
        labels,
        allocations,
    ):
        app.register_blueprint(module.bp)
    register_template_helpers(app)


def register_template_helpers(app: Flask) -> None:
    """Functions and filters every template may use."""
    from flask_babel import format_date, format_decimal, get_locale

    from reuse import codes
    from reuse.web import vocabulary
    from reuse.web.access import can
    from reuse.web.messages import translate

    app.add_template_global(get_locale, "current_locale")
    app.add_template_global(can, "can")
    app.add_template_global(vocabulary.term, "term")
    app.add_template_global(has_endpoint, "has_endpoint")
    app.add_template_global(lambda value: vocabulary.term("status", value), "status_label")
    app.add_template_global(lambda value: vocabulary.term("category", value), "category_label")
    app.add_template_global(lambda value: vocabulary.term("role", value), "role_label")
    app.add_template_filter(translate, "translated")
    app.add_template_filter(codes.display, "code")
    app.add_template_filter(lambda value: format_date(value) if value else "", "day")
    app.add_template_filter(moment, "moment")
    app.add_template_filter(
        lambda value: format_decimal(value) if value is not None else "", "number"
    )


def has_endpoint(endpoint: str) -> bool:
    """Whether the app serves `endpoint` (pages link to features only once they exist)."""
    return endpoint in current_app.view_functions


def moment(value: datetime | None) -> str:
    """A date and time as people of the warehouse read it: local time, short form."""
    if value is None:
        return ""
    zone = ZoneInfo(current_app.config["REUSE_TIMEZONE"])
    return format_datetime(value.astimezone(zone), "short", rebase=False)
