"""GET /api/v1/me: who the token belongs to."""

from flask.views import MethodView
from flask_smorest import Blueprint

from api import API_PREFIX, auth
from api.me.schemas import MeSchema
from reuse.extensions import db
from reuse.models import User

blp = Blueprint("me", __name__, url_prefix=f"{API_PREFIX}/me", description="The caller")


@blp.route("")
class Me(MethodView):
    @blp.response(200, MeSchema)
    def get(self):
        """The authenticated user: email, role, association"""
        return db.session.get(User, auth.actor().user_id)
