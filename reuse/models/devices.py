"""Devices and their append-only history."""

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reuse.models.base import Base, BigId, UTCDateTime, enum_column, utcnow
from reuse.models.enums import Category, DeviceStatus, Grade, StorageType
from reuse.models.sites import Collection, Warehouse

#: Accessories that make a desktop's kit complete (DESIGN section 4).
KIT = frozenset({"keyboard", "mouse"})


class Device(Base):
    """One physical device, followed from the donor's stock to an association."""

    __tablename__ = "devices"
    __table_args__ = (
        # NULL serials and asset tags are allowed many times on both databases.
        sa.UniqueConstraint("manufacturer", "serial_number"),
        sa.UniqueConstraint("donor_organisation", "asset_tag"),
        sa.CheckConstraint("ram_gb IS NULL OR ram_gb >= 0", name="ram_gb"),
        sa.CheckConstraint("storage_gb IS NULL OR storage_gb >= 0", name="storage_gb"),
        sa.CheckConstraint("weight_kg IS NULL OR weight_kg >= 0", name="weight_kg"),
        sa.CheckConstraint("screen_inches IS NULL OR screen_inches > 0", name="screen_inches"),
        sa.CheckConstraint("cycle >= 1", name="cycle"),
        sa.Index(None, "status", "category"),
        # Serials are looked up without their maker too (search, and the duplicate rule).
        sa.Index(None, "serial_number"),
        # Waiting times, weekly output and the queue's oldest-first order read these.
        sa.Index(None, "status", "status_changed_at", "id"),
        sa.Index(None, "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(9), unique=True)
    serial_number: Mapped[str | None] = mapped_column(sa.String(80))
    asset_tag: Mapped[str | None] = mapped_column(sa.String(80))
    donor_organisation: Mapped[str] = mapped_column(sa.String(120))
    category: Mapped[Category] = mapped_column(enum_column(Category, "category"))
    manufacturer: Mapped[str] = mapped_column(sa.String(80), default="")
    model: Mapped[str | None] = mapped_column(sa.String(120))
    cpu: Mapped[str | None] = mapped_column(sa.String(120))
    ram_gb: Mapped[int | None]
    storage_gb: Mapped[int | None]
    storage_type: Mapped[StorageType | None] = mapped_column(
        enum_column(StorageType, "storage_type")
    )
    screen_inches: Mapped[Decimal | None] = mapped_column(sa.Numeric(4, 1))
    os: Mapped[str | None] = mapped_column(sa.String(80))
    accessories: Mapped[str | None] = mapped_column(sa.String(200))
    kit_required: Mapped[bool] = mapped_column(default=False)
    weight_kg: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 2))
    notes: Mapped[str | None] = mapped_column(sa.Text)
    grade: Mapped[Grade | None] = mapped_column(enum_column(Grade, "grade"))
    status: Mapped[DeviceStatus] = mapped_column(enum_column(DeviceStatus, "status"))
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    warehouse_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("warehouses.id", ondelete="RESTRICT"), index=True
    )
    collection_id: Mapped[int] = mapped_column(
        sa.ForeignKey("collections.id", ondelete="RESTRICT"), index=True
    )
    # A returned device starts a new cycle: its earlier erasure and tests no longer count.
    cycle: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Every change, even one that keeps the status, touches the row, so the version moves and
    # two concurrent changes to one device cannot both win.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    warehouse: Mapped[Warehouse | None] = relationship()
    collection: Mapped[Collection] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def accessory_set(self) -> frozenset[str]:
        """The accessories recorded, as lower-case words."""
        return parse_accessories(self.accessories)

    @property
    def has_kit(self) -> bool:
        """Whether keyboard and mouse are recorded."""
        return self.accessory_set >= KIT


def parse_accessories(text: str | None) -> frozenset[str]:
    """Accessories from their comma-separated text form."""
    return frozenset(word.strip().lower() for word in (text or "").split(",") if word.strip())


class DeviceEvent(Base):
    """One change of a device, written in the same transaction as the change; never updated."""

    __tablename__ = "device_events"
    __table_args__ = (sa.Index(None, "device_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    device_id: Mapped[int] = mapped_column(sa.ForeignKey("devices.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    from_status: Mapped[DeviceStatus | None] = mapped_column(
        enum_column(DeviceStatus, "from_status")
    )
    to_status: Mapped[DeviceStatus | None] = mapped_column(enum_column(DeviceStatus, "to_status"))
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor_name: Mapped[str] = mapped_column(sa.String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    payload: Mapped[dict] = mapped_column(sa.JSON, default=lambda: {})

    device: Mapped[Device] = relationship()
