"""Donor sites and warehouses: the places collections come from and devices wait in."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField

from reuse.extensions import db
from reuse.services import intake, listings
from reuse.web.access import actor, require_permission
from reuse.web.forms import ServiceForm, attempt

bp = Blueprint("sites", __name__, url_prefix="/sites")


class DonorSiteForm(ServiceForm):
    """A site of the donor where devices are picked up."""

    organisation = StringField(_l("Organisation"))
    name = StringField(_l("Site name"))
    kind = StringField(_l("Kind of site"))
    address = StringField(_l("Address"))
    postcode = StringField(_l("Postcode"))
    city = StringField(_l("City"))


class WarehouseForm(ServiceForm):
    """A refurbishment warehouse."""

    name = StringField(_l("Warehouse name"))
    address = StringField(_l("Address"))
    city = StringField(_l("City"))


@bp.get("/")
@require_permission("sites.write")
def index():
    """Donor sites and warehouses, with the forms to add one."""
    return _page(DonorSiteForm(prefix="site"), WarehouseForm(prefix="warehouse"))


@bp.post("/donor-sites")
@require_permission("sites.write")
def create_donor_site():
    """Add a donor site."""
    form = DonorSiteForm(prefix="site")
    if form.validate_on_submit():
        outcome = attempt(
            form, lambda: intake.create_donor_site(db.session, actor(), **form.values())
        )
        if outcome.ok:
            flash(_("Donor site %(name)s added.", name=outcome.value.name), "success")
            return redirect(url_for("sites.index"))
        return _page(form, WarehouseForm(prefix="warehouse"), outcome.status)
    return _page(form, WarehouseForm(prefix="warehouse"), 422)


@bp.post("/warehouses")
@require_permission("sites.write")
def create_warehouse():
    """Add a warehouse."""
    form = WarehouseForm(prefix="warehouse")
    if form.validate_on_submit():
        outcome = attempt(
            form, lambda: intake.create_warehouse(db.session, actor(), **form.values())
        )
        if outcome.ok:
            flash(_("Warehouse %(name)s added.", name=outcome.value.name), "success")
            return redirect(url_for("sites.index"))
        return _page(DonorSiteForm(prefix="site"), form, outcome.status)
    return _page(DonorSiteForm(prefix="site"), form, 422)


def _page(site_form, warehouse_form, status: int = 200):
    return (
        render_template(
            "sites.html",
            sites=listings.donor_sites(db.session),
            warehouses=listings.warehouses(db.session),
            site_form=site_form,
            warehouse_form=warehouse_form,
        ),
        status,
    )
