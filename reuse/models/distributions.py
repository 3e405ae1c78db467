"""Handovers to associations and the scans that prove each device changed hands."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from reuse.models.base import Base, BigId, UTCDateTime, enum_column, utcnow
from reuse.models.enums import DistributionStatus, ScanResult


class Distribution(Base):
    """One handover of devices to one association."""

    __tablename__ = "distributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("programmes.id", ondelete="RESTRICT"), index=True
    )
    association_id: Mapped[int] = mapped_column(
        sa.ForeignKey("associations.id", ondelete="RESTRICT"), index=True
    )
    scheduled_on: Mapped[date]
    place: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[DistributionStatus] = mapped_column(
        enum_column(DistributionStatus, "status"), default=DistributionStatus.OPEN
    )
    received_by: Mapped[str | None] = mapped_column(sa.String(120))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Scan(Base):
    """One scan at a handover; scan_id is made by the client so a replayed scan counts once."""

    __tablename__ = "scans"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    distribution_id: Mapped[int] = mapped_column(
        sa.ForeignKey("distributions.id", ondelete="CASCADE"), index=True
    )
    scan_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    raw_code: Mapped[str] = mapped_column(sa.String(300))
    result: Mapped[ScanResult] = mapped_column(enum_column(ScanResult, "result"))
    device_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("devices.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
