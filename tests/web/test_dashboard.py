"""The dashboard's figures: waiting per stage, weekly intake and output, programme progress."""

import re
from datetime import UTC, datetime, timedelta

from reuse.models import Allocation, AllocationLine, AllocationStatus, DeviceStatus
from reuse.services.dashboard import week_start
from tests.builders import make_device, make_need, make_programme

S = DeviceStatus


def test_the_dashboard_counts_waiting_devices_and_late_ones(client, login, data):
    def build(session):
        now = datetime.now(UTC)
        for days in (1, 40, 45):
            make_device(session, status=S.RECEIVED).status_changed_at = now - timedelta(days=days)

    data(build)
    login("warehouse")
    page = client.get("/").text
    row = re.search(r'<tr data-stage="received">.*?</tr>', page, re.S).group()
    assert re.findall(r'<td class="num[^"]*">([^<]*)</td>', row) == ["3", "45", "2"]


def test_the_weekly_chart_counts_intake_and_output_of_the_last_twelve_weeks(client, login, data):
    def build(session):
        now = datetime.now(UTC)
        two_weeks_ago = now - timedelta(weeks=2)
        for _ in range(2):
            make_device(session, status=S.RECEIVED).created_at = two_weeks_ago
        make_device(session, status=S.RECEIVED).created_at = now - timedelta(weeks=20)
        recycled = make_device(session, status=S.RECYCLED)
        recycled.created_at = two_weeks_ago
        recycled.status_changed_at = now
        return week_start(two_weeks_ago.date()), week_start(now.date())

    earlier, this_week = data(build)
    login("coordinator")
    page = client.get("/").text
    weeks = re.findall(r'<tr data-week="([0-9-]+)">', page)
    assert len(weeks) == 12 and weeks[-1] == this_week.isoformat()
    row = re.search(rf'<tr data-week="{earlier.isoformat()}">.*?</tr>', page, re.S).group()
    assert '<td class="num intake">3</td>' in row
    row = re.search(rf'<tr data-week="{this_week.isoformat()}">.*?</tr>', page, re.S).group()
    assert '<td class="num output">1</td>' in row
    assert page.count('<rect x="') == 24


def test_programme_progress_counts_confirmed_allocations_against_the_target(client, login, data):
    def build(session):
        programme = make_programme(session, target_devices=10)
        need = make_need(
            session, programme_id=programme.id, status="approved", quantity_min=2, quantity_max=7
        )
        allocation = Allocation(
            programme_id=programme.id, wave="1", status=AllocationStatus.CONFIRMED
        )
        session.add(allocation)
        session.flush()
        for status in (S.ALLOCATED, S.ALLOCATED, S.DELIVERED):
            device = make_device(session, status=S.READY)
            device.status = status
            session.add(
                AllocationLine(allocation_id=allocation.id, need_id=need.id, device_id=device.id)
            )
        return programme.id

    programme_id = data(build)
    login("coordinator")
    row = re.search(rf'<tr data-programme="{programme_id}">.*?</tr>', client.get("/").text, re.S)
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', row.group())
    assert cells == ["10", "7", "3", "1"]
    assert "10 %" in row.group()
