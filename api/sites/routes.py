"""Donor sites and warehouses: where devices come from and where they wait."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from api import API_PREFIX, auth
from api.common import commit, get_or_404
from api.pagination import QueryPage
from api.sites.schemas import DonorSiteSchema, WarehouseSchema
from reuse.extensions import db
from reuse.models import DonorSite, Warehouse
from reuse.services import intake

donor_sites = Blueprint(
    "donor_sites",
    __name__,
    url_prefix=f"{API_PREFIX}/donor-sites",
    description="The donor's sites where devices are collected",
)
warehouses = Blueprint(
    "warehouses",
    __name__,
    url_prefix=f"{API_PREFIX}/warehouses",
    description="Refurbishment warehouses",
)


@donor_sites.route("")
class DonorSites(MethodView):
    @donor_sites.response(200, DonorSiteSchema(many=True))
    @donor_sites.paginate(QueryPage)
    def get(self):
        """List donor sites"""
        return select(DonorSite).order_by(DonorSite.organisation, DonorSite.name)

    @donor_sites.arguments(DonorSiteSchema)
    @donor_sites.response(201, DonorSiteSchema)
    def post(self, data):
        """Register a donor site"""
        site = intake.create_donor_site(db.session, auth.actor(), **data)
        commit()
        return site


@donor_sites.route("/<id:site_id>")
class DonorSiteById(MethodView):
    @donor_sites.response(200, DonorSiteSchema)
    def get(self, site_id):
        """Get a donor site"""
        return get_or_404(DonorSite, site_id, "donor site")

    @donor_sites.arguments(DonorSiteSchema(partial=True))
    @donor_sites.response(200, DonorSiteSchema)
    def patch(self, data, site_id):
        """Correct a donor site"""
        site = get_or_404(DonorSite, site_id, "donor site")
        intake.update_donor_site(db.session, auth.actor(), site, **data)
        commit()
        return site

    @donor_sites.response(204)
    def delete(self, site_id):
        """Delete a donor site no collection came from"""
        intake.delete_donor_site(
            db.session, auth.actor(), get_or_404(DonorSite, site_id, "donor site")
        )
        commit()


@warehouses.route("")
class Warehouses(MethodView):
    @warehouses.response(200, WarehouseSchema(many=True))
    @warehouses.paginate(QueryPage)
    def get(self):
        """List warehouses"""
        return select(Warehouse).order_by(Warehouse.name)

    @warehouses.arguments(WarehouseSchema)
    @warehouses.response(201, WarehouseSchema)
    def post(self, data):
        """Register a warehouse"""
        warehouse = intake.create_warehouse(db.session, auth.actor(), **data)
        commit()
        return warehouse


@warehouses.route("/<id:warehouse_id>")
class WarehouseById(MethodView):
    @warehouses.response(200, WarehouseSchema)
    def get(self, warehouse_id):
        """Get a warehouse"""
        return get_or_404(Warehouse, warehouse_id, "warehouse")

    @warehouses.arguments(WarehouseSchema(partial=True))
    @warehouses.response(200, WarehouseSchema)
    def patch(self, data, warehouse_id):
        """Correct a warehouse"""
        warehouse = get_or_404(Warehouse, warehouse_id, "warehouse")
        intake.update_warehouse(db.session, auth.actor(), warehouse, **data)
        commit()
        return warehouse

    @warehouses.response(204)
    def delete(self, warehouse_id):
        """Delete a warehouse that holds no device"""
        warehouse = get_or_404(Warehouse, warehouse_id, "warehouse")
        intake.delete_warehouse(db.session, auth.actor(), warehouse)
        commit()
