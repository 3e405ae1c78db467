"""Needs: what each association asks of a programme, and the coordinator's review."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from api import API_PREFIX, auth
from api.common import commit
from api.needs.schemas import NeedQueryArgsSchema, NeedSchema, ReviewSchema
from api.pagination import QueryPage
from reuse.errors import NotFound, ValidationFailed
from reuse.extensions import db
from reuse.models import Need, Role
from reuse.services import associations

blp = Blueprint(
    "needs",
    __name__,
    url_prefix=f"{API_PREFIX}/needs",
    description="Needs of associations; only approved needs are allocated",
)


def _visible(need_id: int) -> Need:
    actor = auth.actor()
    need = db.session.get(Need, need_id)
    if need is None or (
        actor.role == Role.ASSOCIATION and need.association_id != actor.association_id
    ):
        raise NotFound(f"no need with id {need_id}", field="id")
    return need


@blp.route("")
class Needs(MethodView):
    @blp.arguments(NeedQueryArgsSchema, location="query")
    @blp.response(200, NeedSchema(many=True))
    @blp.paginate(QueryPage)
    def get(self, filters):
        """List needs (an association's user: its own)"""
        query = select(Need).order_by(Need.priority, Need.submitted_at, Need.id)
        actor = auth.actor()
        if actor.role == Role.ASSOCIATION:
            query = query.where(Need.association_id == actor.association_id)
        for name, value in filters.items():
            query = query.where(getattr(Need, name) == value)
        return query

    @blp.arguments(NeedSchema)
    @blp.response(201, NeedSchema)
    def post(self, data):
        """Submit a need"""
        actor = auth.actor()
        if "association_id" not in data:
            if actor.association_id is None:
                raise ValidationFailed("say which association needs it", field="association_id")
            data["association_id"] = actor.association_id
        need = associations.submit_need(db.session, actor, **data)
        commit()
        return need


@blp.route("/<id:need_id>")
class NeedById(MethodView):
    @blp.response(200, NeedSchema)
    def get(self, need_id):
        """Get a need"""
        return _visible(need_id)


@blp.route("/<id:need_id>/approve")
class NeedApprove(MethodView):
    @blp.arguments(ReviewSchema)
    @blp.response(200, NeedSchema)
    def post(self, data, need_id):
        """Approve a submitted need"""
        need = _visible(need_id)
        associations.review_need(
            db.session, auth.actor(), need, approve=True, note=data.get("note")
        )
        commit()
        return need


@blp.route("/<id:need_id>/reject")
class NeedReject(MethodView):
    @blp.arguments(ReviewSchema)
    @blp.response(200, NeedSchema)
    def post(self, data, need_id):
        """Reject a submitted need, saying why"""
        need = _visible(need_id)
        associations.review_need(
            db.session, auth.actor(), need, approve=False, note=data.get("note")
        )
        commit()
        return need
