"""What the refurbisher records on a device: erasure per drive, preparation, tests."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from reuse.models.base import Base, UTCDateTime, enum_column, utcnow
from reuse.models.enums import ErasureMethod, ErasureTechnique, Outcome, StorageType


class ErasureRecord(Base):
    """The sanitisation of one storage drive, with what a NIST SP 800-88 certificate lists."""

    __tablename__ = "erasure_records"
    __table_args__ = (
        sa.CheckConstraint("capacity_gb IS NULL OR capacity_gb >= 0", name="capacity_gb"),
        sa.CheckConstraint(
            "ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at", name="period"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(
        sa.ForeignKey("devices.id", ondelete="CASCADE"), index=True
    )
    cycle: Mapped[int] = mapped_column(default=1)
    drive_serial: Mapped[str | None] = mapped_column(sa.String(80))
    drive_type: Mapped[StorageType | None] = mapped_column(enum_column(StorageType, "drive_type"))
    capacity_gb: Mapped[int | None]
    method: Mapped[ErasureMethod] = mapped_column(enum_column(ErasureMethod, "method"))
    technique: Mapped[ErasureTechnique | None] = mapped_column(
        enum_column(ErasureTechnique, "technique")
    )
    tool: Mapped[str | None] = mapped_column(sa.String(80))
    tool_version: Mapped[str | None] = mapped_column(sa.String(40))
    certificate_ref: Mapped[str | None] = mapped_column(sa.String(120))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result: Mapped[Outcome] = mapped_column(enum_column(Outcome, "result"))
    verification: Mapped[str | None] = mapped_column(sa.String(200))
    operator: Mapped[str] = mapped_column(sa.String(120))
    report_hash: Mapped[str | None] = mapped_column(sa.String(128))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PreparationChecklist(Base):
    """The preparation steps ANSSI (2023) asks for before a computer leaves the refurbisher."""

    __tablename__ = "preparation_checklists"

    device_id: Mapped[int] = mapped_column(
        sa.ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    uefi_reset: Mapped[bool] = mapped_column(default=False)
    tpm_cleared: Mapped[bool] = mapped_column(default=False)
    bios_password_removed: Mapped[bool] = mapped_column(default=False)
    donor_marks_removed: Mapped[bool] = mapped_column(default=False)
    os_installed: Mapped[str | None] = mapped_column(sa.String(80))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class TestRecord(Base):
    """A functional test of a device (Décret 2022-190: every function tested)."""

    __tablename__ = "test_records"
    __test__ = False  # not a pytest class despite its name

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(
        sa.ForeignKey("devices.id", ondelete="CASCADE"), index=True
    )
    cycle: Mapped[int] = mapped_column(default=1)
    result: Mapped[Outcome] = mapped_column(enum_column(Outcome, "result"))
    notes: Mapped[str | None] = mapped_column(sa.Text)
    performed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    operator: Mapped[str] = mapped_column(sa.String(120))
