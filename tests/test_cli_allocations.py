"""`flask allocate` as a coordinator runs it: a table per association, drafts and confirmations."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from reuse.extensions import db
from reuse.models import Allocation, AllocationStatus, Device, DeviceStatus, NeedStatus
from tests.builders import (
    make_association,
    make_collection,
    make_device,
    make_need,
    make_programme,
)

DAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _programme(app, devices: int = 10) -> int:
    """A programme with `devices` ready desktops; 'Les Amis' asks 3 to 6, 'Tremplin' 8 to 9."""
    with app.app_context():
        programme = make_programme(db.session).id
        collection = make_collection(db.session).id
        for _ in range(devices):
            make_device(
                db.session, DeviceStatus.READY, category="desktop", collection_id=collection
            )
        for hour, (name, low, high) in enumerate((("Les Amis", 3, 6), ("Tremplin", 8, 9))):
            make_need(
                db.session,
                programme_id=programme,
                association_id=make_association(db.session, name=name).id,
                quantity_min=low,
                quantity_max=high,
                needs_kit=True,
                status=NeedStatus.APPROVED,
                submitted_at=DAY + timedelta(hours=hour),
            )
        db.session.commit()
    return programme


def _allocated(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(Device.status == DeviceStatus.ALLOCATED)
        )


def test_allocate_prints_a_table_per_association_and_keeps_a_draft(app, runner):
    programme = _programme(app)
    result = runner.invoke(args=["allocate", str(programme), "--wave", "Vague 1"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "(draft), wave 'Vague 1'" in out
    assert "6 of 10 ready devices go to 1 of 2 needs" in out
    assert "Les Amis (association" in out and "Tremplin (association" in out
    assert "asks for" in out and "this wave" in out and "why" in out
    assert "desktops with keyboard and mouse" in out
    assert "3-6" in out and "8-9" in out
    assert "Gets 6 devices" in out
    assert "fewer than its minimum of 8" in out
    assert _allocated(app) == 0
    with app.app_context():
        assert db.session.scalar(select(Allocation.status)) == AllocationStatus.DRAFT


def test_allocate_confirm_allocates_and_a_second_wave_shows_the_first(app, runner):
    programme = _programme(app)
    first = runner.invoke(
        args=["allocate", str(programme), "--wave", "Vague 1", "--limit", "3", "--confirm"]
    )
    assert first.exit_code == 0, first.output
    assert "(confirmed)" in first.output and "limit 3" in first.output
    assert _allocated(app) == 3
    second = runner.invoke(
        args=["allocate", str(programme), "--wave", "Vague 2", "--policy", "fill"]
    )
    assert second.exit_code == 0, second.output
    assert "Earlier waves: 'Vague 1' (3)." in second.output
    assert "3 from earlier waves" in second.output
    assert "It already received 3 devices in earlier waves" in second.output


def test_allocate_speaks_french_on_request(app, runner):
    programme = _programme(app)
    result = runner.invoke(
        args=["allocate", str(programme), "--wave", "Vague 1", "--language", "fr"]
    )
    assert result.exit_code == 0, result.output
    assert "brouillon" in result.output and "ordinateurs fixes" in result.output
    assert "Reçoit 6 appareils" in result.output


def test_allocate_refuses_clearly_and_writes_nothing(app, runner):
    result = runner.invoke(args=["allocate", "999999", "--wave", "Vague 1"])
    assert result.exit_code == 1 and "no programme with id 999999" in result.output
    programme = _programme(app)
    runner.invoke(args=["allocate", str(programme), "--wave", "Vague 1", "--confirm"])
    again = runner.invoke(args=["allocate", str(programme), "--wave", "Vague 1"])
    assert again.exit_code == 1 and "already confirmed" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Allocation)) == 1
