"""Who may open a page: the permission table of reuse.permissions, checked before every view."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from reuse import permissions
from reuse.extensions import login_manager
from reuse.services.actors import Actor


def require_permission(action: str) -> Callable:
    """Let a view run only for a signed-in user whose role allows `action` (else 403)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not permissions.allows(current_user.role, action):
                abort(403)
            return view(*args, **kwargs)

        guarded.required_permission = action
        return guarded

    return decorate


def can(action: str) -> bool:
    """Whether the signed-in user may take `action` (for templates: show only what works)."""
    return current_user.is_authenticated and permissions.allows(current_user.role, action)


def actor() -> Actor:
    """The signed-in user as the services know them."""
    return Actor.of(current_user)
