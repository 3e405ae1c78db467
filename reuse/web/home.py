"""The home page: what is in stock, by status and category."""

from flask import Blueprint, render_template
from flask_login import login_required

from reuse.extensions import db
from reuse.models import Category, DeviceStatus
from reuse.services import stock

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    counts = stock.counts_by_status_and_category(db.session)
    return render_template(
        "home.html", counts=counts, statuses=list(DeviceStatus), categories=list(Category)
    )
