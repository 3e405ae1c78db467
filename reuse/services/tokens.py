"""API tokens: shown once, stored as a SHA-256 hash, revocable, their last use recorded."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
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


def user_for_token(session: Session, plain: str) -> User | None:
    """The active user holding this unrevoked token, or None; notes when it was last used."""
    token = session.scalar(
        select(ApiToken).where(ApiToken.token_hash == _digest(plain), ApiToken.revoked_at.is_(None))
    )
    if token is None or not token.user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_PRECISION:
        token.last_used_at = now
    return token.user


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"{user.email} has no token with id {token_id}", field="token_id")
    token.revoked_at = token.revoked_at or utcnow()
    persistence.flush(session, what="token")
    return token
