"""Where devices come from and where they wait: donor sites, warehouses, collections."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reuse.models.base import Base, UTCDateTime, enum_column, utcnow
from reuse.models.enums import CollectionStatus


class DonorSite(Base):
    """A site of the donor (technical site, shop, office) where devices are picked up."""

    __tablename__ = "donor_sites"
    __table_args__ = (sa.UniqueConstraint("organisation", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(sa.String(120))
    name: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str | None] = mapped_column(sa.String(60))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    city: Mapped[str] = mapped_column(sa.String(120))


class Warehouse(Base):
    """A refurbishment warehouse holding devices."""

    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    address: Mapped[str | None] = mapped_column(sa.String(200))
    city: Mapped[str] = mapped_column(sa.String(120))


class Collection(Base):
    """A batch of devices picked up together at one donor site."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(60), unique=True)
    donor_site_id: Mapped[int] = mapped_column(
        sa.ForeignKey("donor_sites.id", ondelete="RESTRICT"), index=True
    )
    warehouse_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("warehouses.id", ondelete="SET NULL"), index=True
    )
    collected_on: Mapped[date]
    status: Mapped[CollectionStatus] = mapped_column(
        enum_column(CollectionStatus, "status"), default=CollectionStatus.OPEN
    )
    notes: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    donor_site: Mapped[DonorSite] = relationship()
    warehouse: Mapped[Warehouse | None] = relationship()
