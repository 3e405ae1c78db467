"""Programmes, the associations they serve and what each association needs."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reuse.models.base import Base, UTCDateTime, enum_column, utcnow
from reuse.models.enums import Category, Grade, NeedStatus


class Programme(Base):
    """A donation programme under a partnership with a local authority."""

    __tablename__ = "programmes"
    __table_args__ = (
        sa.CheckConstraint("target_devices >= 0", name="target_devices"),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160), unique=True)
    partner: Mapped[str] = mapped_column(sa.String(160))
    territory: Mapped[str] = mapped_column(sa.String(160))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    target_devices: Mapped[int] = mapped_column(default=0)


class Association(Base):
    """An association that receives devices for its work against the digital divide."""

    __tablename__ = "associations"
    __table_args__ = (
        # Alsace-Moselle associations have no RNA number: then a reason is required.
        sa.CheckConstraint(
            "legal_id IS NOT NULL OR legal_id_missing_reason IS NOT NULL", name="legal_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    legal_id: Mapped[str | None] = mapped_column(sa.String(14), unique=True)
    legal_id_missing_reason: Mapped[str | None] = mapped_column(sa.String(200))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    city: Mapped[str] = mapped_column(sa.String(120))
    contact_name: Mapped[str | None] = mapped_column(sa.String(120))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(30))
    focus_areas: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: [])
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Need(Base):
    """What an association asks of a programme: a quantity range of one category, with minimums."""

    __tablename__ = "needs"
    __table_args__ = (
        sa.CheckConstraint("quantity_min >= 0", name="quantity_min"),
        sa.CheckConstraint(
            "quantity_max >= quantity_min AND quantity_max > 0", name="quantity_max"
        ),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name="priority"),
        sa.CheckConstraint("min_ram_gb IS NULL OR min_ram_gb >= 0", name="min_ram_gb"),
        sa.CheckConstraint("min_storage_gb IS NULL OR min_storage_gb >= 0", name="min_storage_gb"),
        sa.Index(None, "programme_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id", ondelete="RESTRICT"))
    association_id: Mapped[int] = mapped_column(
        sa.ForeignKey("associations.id", ondelete="RESTRICT"), index=True
    )
    category: Mapped[Category] = mapped_column(enum_column(Category, "category"))
    quantity_min: Mapped[int]
    quantity_max: Mapped[int]
    min_ram_gb: Mapped[int | None]
    min_storage_gb: Mapped[int | None]
    min_grade: Mapped[Grade | None] = mapped_column(enum_column(Grade, "min_grade"))
    needs_kit: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[int] = mapped_column(default=3)
    justification: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[NeedStatus] = mapped_column(
        enum_column(NeedStatus, "status"), default=NeedStatus.SUBMITTED
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    review_note: Mapped[str | None] = mapped_column(sa.Text)

    programme: Mapped[Programme] = relationship()
    association: Mapped[Association] = relationship()
