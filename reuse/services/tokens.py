"""API tokens: shown once, stored as a SHA-256 hash, revocable, their last use recorded.

A server process trusts a token it has checked for TRUST_FOR seconds before asking the database
again: the API's hottest requests then cost one query instead of two. Revoking a token, or
deactivating its user or changing their role, takes effect at once in the process that does it,
and within TRUST_FOR in the others (other server workers, or the command line's changes).
"""

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, bindparam, event, or_, select, update
from sqlalchemy.orm import Session

from reuse.errors import NotFound
from reuse.models import ApiToken, Role, User
from reuse.models.base import utcnow
from reuse.services import persistence

PREFIX = "reuse_"
#: Last use is written at most this often, so reading the API does not write on every request.
LAST_USE_PRECISION = timedelta(minutes=1)
#: Seconds a process trusts a checked token without asking the database again.
TRUST_FOR = 2.0
_MOST_TRUSTED = 1024  # tokens remembered per process; the oldest is forgotten first


@dataclass
class TokenHolder:
    """A valid token and the user it acts for."""

    id: int
    last_used_at: datetime | None
    user_id: int
    email: str
    role: Role
    association_id: int | None


_trusted: dict[str, tuple[float, TokenHolder]] = {}  # digest -> (trusted until, holder)
_trusted_lock = threading.Lock()
_clock = time.monotonic


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


def find_token(session: Session, plain: str) -> TokenHolder | None:
    """The unrevoked token of an active user matching `plain`, with that user's id, email, role
    and association, or None."""
    digest = _digest(plain)
    now = _clock()
    trusted = _trusted.get(digest)
    if trusted is not None and trusted[0] > now:
        return trusted[1]
    row = session.connection().execute(_TOKEN, {"digest": digest}).one_or_none()
    with _trusted_lock:
        if row is None:
            _trusted.pop(digest, None)
            return None
        holder = TokenHolder(**row._mapping)
        if len(_trusted) >= _MOST_TRUSTED:
            del _trusted[next(iter(_trusted))]
        _trusted[digest] = (now + TRUST_FOR, holder)
    return holder


def forget(session: Session) -> None:
    """Stop trusting any token without asking the database, now and once `session` commits
    (a request meanwhile would read, and trust again, what was true before the commit)."""
    _forget_all()
    session.info["forget_tokens"] = True


@event.listens_for(Session, "after_commit")
def _forget_once_committed(session: Session) -> None:
    if session.info.pop("forget_tokens", False):
        _forget_all()


def _forget_all() -> None:
    with _trusted_lock:
        _trusted.clear()


def needs_touch(token: ApiToken | TokenHolder) -> bool:
    """Whether the token's last use is older than the precision we keep."""
    return token.last_used_at is None or utcnow() - token.last_used_at > LAST_USE_PRECISION


def touch(connection: Connection | Session, token: TokenHolder) -> None:
    """Record a use of the token, unless another request just did."""
    now = utcnow()
    connection.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token.id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USE_PRECISION),
        )
        .values(last_used_at=now)
    )
    token.last_used_at = now


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"{user.email} has no token with id {token_id}", field="token_id")
    token.revoked_at = token.revoked_at or utcnow()
    persistence.flush(session, what="token")
    forget(session)
    return token
