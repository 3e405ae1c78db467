"""API tokens: shown once, stored as a SHA-256 hash, revocable, their last use recorded."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import Connection, Row, bindparam, or_, select, update
from sqlalchemy.orm import Session

from reuse.errors import NotFound
from reuse.models import ApiToken, User
from reuse.models.base import utcnow
from reuse.services import persistence

PREFIX = "reuse_"
#: Last use is written at most this often, so reading the API does not write on every request.
LAST_USE_PRECISION = timedelta(minutes=1)


def _digest(token: str) -> str:
    # Tokens carry 256 random bits: a fast hash is enough, no key stretching needed.
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User, name: str | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`; the plain token is returned once and never stored."""
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, token_hash=_digest(plain), name=name)
    session.add(token)
    persistence.flush(session, what="token")
    return token, plain


# Built once: every API request runs it.
_TOKEN = (
    select(
        ApiToken.id,
        ApiToken.last_used_at,
        User.id.label("user_id"),
        User.email,
        User.role,
        User.association_id,
    )
    .join(User, User.id == ApiToken.user_id)
    .where(
        ApiToken.token_hash == bindparam("digest"),
        ApiToken.revoked_at.is_(None),
        User.active.is_(True),
    )
)


def find_token(session: Session, plain: str) -> Row | None:
    """The unrevoked token of an active user matching `plain`, with that user's id, email, role
    and association, or None."""
    return session.connection().execute(_TOKEN, {"digest": _digest(plain)}).one_or_none()


def needs_touch(token: ApiToken | Row) -> bool:
    """Whether the token's last use is older than the precision we keep."""
    return token.last_used_at is None or utcnow() - token.last_used_at > LAST_USE_PRECISION


def touch(connection: Connection | Session, token_id: int) -> None:
    """Record a use of the token, unless another request just did (its own short transaction,
    so concurrent requests never fight over the request's transaction)."""
    now = utcnow()
    connection.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USE_PRECISION),
        )
        .values(last_used_at=now)
    )


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"{user.email} has no token with id {token_id}", field="token_id")
    token.revoked_at = token.revoked_at or utcnow()
    persistence.flush(session, what="token")
    return token
