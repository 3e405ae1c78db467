"""Programmes: donation partnerships with local authorities."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from api import API_PREFIX, auth
from api.common import commit, get_or_404
from api.pagination import QueryPage
from api.programmes.schemas import ProgrammeSchema
from reuse.extensions import db
from reuse.models import Programme
from reuse.services import associations

blp = Blueprint(
    "programmes",
    __name__,
    url_prefix=f"{API_PREFIX}/programmes",
    description="Donation programmes under partnerships with local authorities",
)


@blp.route("")
class Programmes(MethodView):
    @blp.response(200, ProgrammeSchema(many=True))
    @blp.paginate(QueryPage)
    def get(self):
        """List programmes"""
        return select(Programme).order_by(Programme.starts_on.desc(), Programme.id)

    @blp.arguments(ProgrammeSchema)
    @blp.response(201, ProgrammeSchema)
    def post(self, data):
        """Open a programme"""
        programme = associations.create_programme(db.session, auth.actor(), **data)
        commit()
        return programme


@blp.route("/<id:programme_id>")
class ProgrammeById(MethodView):
    @blp.response(200, ProgrammeSchema)
    def get(self, programme_id):
        """Get a programme"""
        return get_or_404(Programme, programme_id, "programme")

    @blp.arguments(ProgrammeSchema(partial=True))
    @blp.response(200, ProgrammeSchema)
    def patch(self, data, programme_id):
        """Correct a programme"""
        programme = get_or_404(Programme, programme_id, "programme")
        associations.update_programme(db.session, auth.actor(), programme, **data)
        commit()
        return programme
