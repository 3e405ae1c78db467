"""Bearer-token authentication and the permission check of every API endpoint."""

from flask import g, request
from flask_smorest import abort

from api.permissions import AUTHENTICATED, PUBLIC, rule_for
from reuse import permissions
from reuse.extensions import db
from reuse.services import tokens
from reuse.services.actors import Actor


def protect(blueprint) -> None:
    """Check the token and the endpoint's permission before every view of `blueprint`."""
    blueprint.before_request(authenticate)


def authenticate() -> None:
    """Find the token's user and refuse what the permission table does not allow them."""
    rule = rule_for(request.endpoint, request.method)
    if rule == PUBLIC:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        abort(401, message="send a bearer token: Authorization: Bearer <token>")
    user = tokens.user_for_token(db.session, token.strip())
    if user is None:
        abort(401, message="this token is unknown, revoked or belongs to an inactive user")
    if db.session.dirty:
        db.session.commit()  # the token's last use, at most once a minute
    g.actor = Actor.of(user)
    if rule is None:
        abort(403, message=f"no permission rule covers {request.method} {request.path}")
    if rule != AUTHENTICATED and not permissions.allows(user.role, rule):
        abort(403, message=f"the {user.role.value} role may not do '{rule}'")


def actor() -> Actor:
    """The authenticated caller of this request."""
    return g.actor
