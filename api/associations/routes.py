"""Associations; an association's own users see only their association."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import or_, select

from api import API_PREFIX, auth
from api.associations.schemas import (
    AssociationNameSchema,
    AssociationQueryArgsSchema,
    AssociationSchema,
)
from api.common import commit
from api.pagination import QueryPage
from reuse.errors import NotFound
from reuse.extensions import db
from reuse.models import Association, Role
from reuse.services import associations, directory

blp = Blueprint(
    "associations",
    __name__,
    url_prefix=f"{API_PREFIX}/associations",
    description="Associations that receive devices",
)


def _visible(association_id: int) -> Association:
    """The association if the caller may see it; others' ids answer 404, as if absent."""
    actor = auth.actor()
    association = db.session.get(Association, association_id)
    if association is None or (
        actor.role == Role.ASSOCIATION and actor.association_id != association_id
    ):
        raise NotFound(f"no association with id {association_id}", field="id")
    return association


@blp.route("")
class Associations(MethodView):
    @blp.arguments(AssociationQueryArgsSchema, location="query")
    @blp.response(200, AssociationSchema(many=True))
    @blp.paginate(QueryPage)
    def get(self, filters):
        """List associations (an association's user: its own)"""
        query = select(Association).order_by(Association.name, Association.id)
        actor = auth.actor()
        if actor.role == Role.ASSOCIATION:
            query = query.where(Association.id == actor.association_id)
        if filters.get("q"):
            pattern = f"%{filters['q']}%"
            query = query.where(
                or_(Association.name.ilike(pattern), Association.city.ilike(pattern))
            )
        if "active" in filters:
            query = query.where(Association.active == filters["active"])
        return query

    @blp.arguments(AssociationSchema)
    @blp.response(201, AssociationSchema)
    def post(self, data):
        """Register an association (legal id checked)"""
        association = associations.create_association(db.session, auth.actor(), **data)
        commit()
        return association


@blp.route("/names")
class AssociationNames(MethodView):
    @blp.response(200, AssociationNameSchema(many=True))
    @blp.paginate(QueryPage)
    def get(self):
        """Names of the active associations, for the warehouse's handovers"""
        return directory.active_associations()


@blp.route("/<id:association_id>")
class AssociationById(MethodView):
    @blp.response(200, AssociationSchema)
    def get(self, association_id):
        """Get an association"""
        return _visible(association_id)

    @blp.arguments(AssociationSchema(partial=True))
    @blp.response(200, AssociationSchema)
    def patch(self, data, association_id):
        """Correct an association"""
        association = _visible(association_id)
        associations.update_association(db.session, auth.actor(), association, **data)
        commit()
        return association
