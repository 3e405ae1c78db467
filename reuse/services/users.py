"""User accounts: creation with a role, password checks."""

import secrets
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from reuse.errors import Conflict, NotFound, ValidationFailed
from reuse.models import Association, Role, User
from reuse.services import persistence
from reuse.services.validation import Checker

MIN_PASSWORD_LENGTH = 10


def create_user(
    session: Session,
    email: str,
    role: str,
    *,
    password: str | None = None,
    association_id: int | None = None,
    name: str | None = None,
) -> tuple[User, str]:
    """Create a user; returns the user and the password (generated when none is given)."""
    check = Checker()
    email = (check.required("email", email) or "").lower()
    if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
        check.add("email", f"'{email}' is not an email address")
    role_value = check.choice("role", role, Role, required=True)
    if role_value == Role.ASSOCIATION and association_id is None:
        check.add("association_id", "an association's user needs its association")
    if role_value not in (None, Role.ASSOCIATION) and association_id is not None:
        check.add("association_id", "only an association's user belongs to an association")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        check.add("password", f"use at least {MIN_PASSWORD_LENGTH} characters")
    check.raise_if_any()
    if association_id is not None and session.get(Association, association_id) is None:
        raise NotFound(f"no association with id {association_id}", field="association_id")
    if session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise Conflict(f"a user with email {email} already exists", field="email")
    password = password or secrets.token_urlsafe(12)
    user = User(
        email=email,
        name=name,
        role=role_value,
        association_id=association_id,
        password_hash=generate_password_hash(password),
    )
    session.add(user)
    persistence.flush(session, what="user")
    return user, password


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = session.scalar(select(User).where(func.lower(User.email) == (email or "").lower()))
    if user is None or not user.active:
        # Spend the same time as a real check, so response times do not reveal who exists.
        check_password_hash(_dummy_hash(), password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def set_password(session: Session, user: User, password: str) -> None:
    """Replace a user's password."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"use at least {MIN_PASSWORD_LENGTH} characters", field="password")
    user.password_hash = generate_password_hash(password)
    persistence.flush(session, what="user")


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not a real password")
