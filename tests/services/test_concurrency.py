"""Two people changing one device at once: one wins, the other gets a clear conflict."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from reuse.errors import StaleVersion
from reuse.extensions import db
from reuse.models import Device, DeviceEvent, DeviceStatus, Grade
from reuse.services import refurbishment
from tests.builders import WAREHOUSE, make_device


def test_concurrent_changes_to_one_device_never_both_win(committed_app):
    with committed_app.app_context():
        device_id = make_device(db.session, status=DeviceStatus.REFURBISHING).id
        db.session.commit()
        engine = db.engine
        with Session(engine) as first, Session(engine) as second:
            mine, theirs = first.get(Device, device_id), second.get(Device, device_id)
            refurbishment.set_grade(first, mine, WAREHOUSE, "A")
            first.commit()
            with pytest.raises(StaleVersion, match="changed by someone else"):
                refurbishment.set_grade(second, theirs, WAREHOUSE, "C")
            second.rollback()
        with Session(engine) as check:
            assert check.get(Device, device_id).grade == Grade.A
            grades = check.scalars(
                select(DeviceEvent.payload).where(
                    DeviceEvent.device_id == device_id, DeviceEvent.kind == "graded"
                )
            ).all()
            assert [payload["grade"] for payload in grades] == ["A"]
