"""People who sign in, and the API tokens they hold."""

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reuse.models.base import Base, UTCDateTime, enum_column, utcnow
from reuse.models.enums import Role
from reuse.models.programmes import Association


class User(UserMixin, Base):
    """A person with one role; an association's user belongs to that association."""

    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint(
            "(role = 'association') = (association_id IS NOT NULL)", name="association"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str | None] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    association_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("associations.id", ondelete="RESTRICT"), index=True
    )
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    association: Mapped[Association | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.active


class ApiToken(Base):
    """A bearer token for the API, stored as a hash only."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str | None] = mapped_column(sa.String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
