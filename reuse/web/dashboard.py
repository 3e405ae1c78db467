"""The home page: the dashboard for staff, each other role's own starting page.

The blueprint keeps the name `home`, so `home.index` stays the one address of the home page.
"""

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import format_date
from flask_login import current_user, login_required

from reuse import permissions
from reuse.extensions import db
from reuse.models import Category, DeviceStatus
from reuse.services import dashboard as figures
from reuse.web.charts import grouped_bars

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    """The dashboard for those who read devices; the others' own starting page."""
    if not permissions.allows(current_user.role, "devices.read"):
        if current_user.association_id is not None:
            return redirect(
                url_for("association.detail", association_id=current_user.association_id)
            )
        return redirect(url_for("programme.index"))
    board = figures.dashboard(db.session)
    chart = grouped_bars(
        [(format_date(week.starts_on, "d MMM"), (week.intake, week.output)) for week in board.weeks]
    )
    return render_template(
        "dashboard.html",
        board=board,
        counts=board.counts,
        chart=chart,
        statuses=list(DeviceStatus),
        categories=list(Category),
    )
