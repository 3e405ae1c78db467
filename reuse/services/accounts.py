"""User administration by an admin (create, change role, deactivate) and each user's language."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reuse import permissions
from reuse.errors import Conflict, NotFound, ValidationFailed
from reuse.models import Association, Role, User
from reuse.services import persistence, tokens, users
from reuse.services.actors import Actor
from reuse.services.validation import Checker

#: Languages a user may choose for the interface.
LOCALES = ("fr", "en")


def create_account(
    session: Session,
    actor: Actor,
    *,
    email: str,
    role: str,
    name: str | None = None,
    association_id: int | None = None,
    password: str | None = None,
) -> tuple[User, str]:
    """Create a user on an admin's behalf; returns the user and the password to hand over."""
    permissions.require(actor, "users.write")
    return users.create_user(
        session,
        email,
        role,
        password=password or None,
        association_id=association_id,
        name=(name or "").strip() or None,
    )


def change_role(
    session: Session, actor: Actor, user_id: int, role: str, association_id: int | None = None
) -> User:
    """Give a user another role; an association's user must name its association, others none."""
    permissions.require(actor, "users.write")
    user = _user(session, user_id)
    check = Checker()
    role_value = check.choice("role", role, Role, required=True)
    if role_value == Role.ASSOCIATION and association_id is None:
        check.add("association_id", "an association's user needs its association")
    if role_value not in (None, Role.ASSOCIATION):
        association_id = None
    if role_value is not None and user.id == actor.user_id and role_value != Role.ADMIN:
        check.add("role", "you cannot take the admin role away from yourself")
    check.raise_if_any()
    if association_id is not None and session.get(Association, association_id) is None:
        raise NotFound(f"no association with id {association_id}", field="association_id")
    if user.role == Role.ADMIN and role_value != Role.ADMIN:
        _keep_an_admin(session, user)
    user.role = role_value
    user.association_id = association_id
    persistence.flush(session, what="user")
    tokens.forget(session)  # their tokens must act with the new role
    return user


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> User:
    """Deactivate a user (they can no longer sign in) or reactivate them."""
    permissions.require(actor, "users.write")
    user = _user(session, user_id)
    if not active and user.id == actor.user_id:
        raise Conflict("you cannot deactivate your own account", field="active")
    if not active and user.role == Role.ADMIN:
        _keep_an_admin(session, user)
    user.active = bool(active)
    persistence.flush(session, what="user")
    tokens.forget(session)  # an inactive user's tokens stop working
    return user


def set_locale(session: Session, user_id: int, locale: str) -> None:
    """Remember the language a user chose for the interface."""
    if locale not in LOCALES:
        raise ValidationFailed(f"'{locale}' is not one of: {', '.join(LOCALES)}", field="locale")
    user = _user(session, user_id)
    user.locale = locale
    persistence.flush(session, what="user")


def _keep_an_admin(session: Session, leaving: User) -> None:
    """Refuse a change that would leave nobody able to administer users."""
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, User.active.is_(True), User.id != leaving.id)
    )
    if not others:
        raise Conflict("at least one active admin must remain", field="role")


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}", field="user_id")
    return user
