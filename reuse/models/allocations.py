"""Allocations: a proposal, then a decision, of which device goes to which need."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reuse.models.base import Base, BigId, UTCDateTime, enum_column, utcnow
from reuse.models.enums import AllocationPolicy, AllocationStatus


class Allocation(Base):
    """One allocation run of a programme's wave: draft, then confirmed or cancelled."""

    __tablename__ = "allocations"
    __table_args__ = (
        sa.CheckConstraint("device_limit IS NULL OR device_limit >= 0", name="device_limit"),
        # A wave is confirmed once per programme; drafts and cancelled runs may repeat its name.
        sa.Index(
            "uq_allocations_confirmed_wave",
            "programme_id",
            "wave",
            unique=True,
            sqlite_where=sa.text("status = 'confirmed'"),
            postgresql_where=sa.text("status = 'confirmed'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("programmes.id", ondelete="RESTRICT"), index=True
    )
    wave: Mapped[str] = mapped_column(sa.String(80))
    device_limit: Mapped[int | None]
    policy: Mapped[AllocationPolicy] = mapped_column(
        enum_column(AllocationPolicy, "policy"), default=AllocationPolicy.SPREAD
    )
    status: Mapped[AllocationStatus] = mapped_column(
        enum_column(AllocationStatus, "status"), default=AllocationStatus.DRAFT
    )
    parameters: Mapped[dict] = mapped_column(sa.JSON, default=lambda: {})
    summary: Mapped[dict] = mapped_column(sa.JSON, default=lambda: {})
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(default=1)

    lines: Mapped[list["AllocationLine"]] = relationship(
        back_populates="allocation", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}


class AllocationLine(Base):
    """One device given to one need by an allocation, with why."""

    __tablename__ = "allocation_lines"
    __table_args__ = (sa.UniqueConstraint("allocation_id", "device_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    allocation_id: Mapped[int] = mapped_column(sa.ForeignKey("allocations.id", ondelete="CASCADE"))
    need_id: Mapped[int] = mapped_column(sa.ForeignKey("needs.id", ondelete="RESTRICT"), index=True)
    device_id: Mapped[int] = mapped_column(
        sa.ForeignKey("devices.id", ondelete="RESTRICT"), index=True
    )
    reason: Mapped[str | None] = mapped_column(sa.String(40))

    allocation: Mapped[Allocation] = relationship(back_populates="lines")
