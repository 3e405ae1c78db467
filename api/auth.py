"""Bearer-token authentication and the permission check of every API endpoint."""

from flask import g, request
from flask_smorest import abort
from sqlalchemy.exc import OperationalError

from api.permissions import AUTHENTICATED, PUBLIC, rule_for
from reuse import permissions
from reuse.extensions import db
from reuse.services import tokens
from reuse.services.actors import Actor


def protect(blueprint) -> None:
    """Check the token and the endpoint's permission before every view of `blueprint`, and note
    the token's use after it."""
    blueprint.before_request(authenticate)
    blueprint.after_request(note_use)
    blueprint.after_request(vary_by_token)


def authenticate() -> None:
    """Find the token's user and refuse what the permission table does not allow them."""
    rule = rule_for(request.endpoint, request.method)
    if rule == PUBLIC:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        abort(401, message="send a bearer token: Authorization: Bearer <token>")
    found = tokens.find_token(db.session, token.strip())
    if found is None:
        abort(401, message="this token is unknown, revoked or belongs to an inactive user")
    if tokens.needs_touch(found):
        g.token_to_touch = found
    g.actor = Actor(found.email, found.role, found.user_id, found.association_id)
    if rule is None:
        abort(403, message=f"no permission rule covers {request.method} {request.path}")
    if rule != AUTHENTICATED and not permissions.allows(found.role, rule):
        abort(403, message=f"the {found.role.value} role may not do '{rule}'")


def note_use(response):
    """Record the token's last use (at most once a minute) in a transaction of its own, once the
    request's work is committed or abandoned; a busy database skips it, no harm."""
    token = g.pop("token_to_touch", None)
    if token is not None:
        # Views commit their work themselves; what is left uncommitted here is an error's.
        db.session.rollback()
        try:
            tokens.touch(db.session, token)
            db.session.commit()
        except OperationalError:
            db.session.rollback()
    return response


def vary_by_token(response):
    """What a caller gets depends on its token: a cache must not give it to another."""
    response.vary.add("Authorization")
    return response


def actor() -> Actor:
    """The authenticated caller of this request."""
    return g.actor
