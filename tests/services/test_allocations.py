"""Allocation runs: a draft reserves nothing; confirm re-checks and allocates, or changes nothing;
cancel gives the devices back; waves build on each other; associations see their own only."""

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reuse.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationFailed,
)
from reuse.extensions import db
from reuse.models import (
    Allocation,
    AllocationLine,
    AllocationStatus,
    Device,
    DeviceEvent,
    DeviceStatus,
    Distribution,
    NeedStatus,
)
from reuse.services import allocation_data, allocations, lifecycle
from reuse.services.allocation_reasons import explain
from tests.builders import (
    ADMIN,
    COORDINATOR,
    WAREHOUSE,
    association_actor,
    make_association,
    make_collection,
    make_device,
    make_need,
    make_programme,
)

S = DeviceStatus
DAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def ready_desktops(session, count: int, **overrides) -> list[int]:
    """Ids of `count` ready desktops with keyboard and mouse, grade B, 8 GB, 256 GB."""
    collection = make_collection(session)
    return [
        make_device(
            session, S.READY, category="desktop", collection_id=collection.id, **overrides
        ).id
        for _ in range(count)
    ]


def approved_need(session, programme_id: int, low: int, high: int, order: int = 0, **overrides):
    """An approved desktop need of a new association, submitted `order` hours after DAY."""
    overrides.setdefault("association_id", make_association(session).id)
    return make_need(
        session,
        programme_id=programme_id,
        quantity_min=low,
        quantity_max=high,
        status=NeedStatus.APPROVED,
        submitted_at=DAY + timedelta(hours=order),
        **overrides,
    )


def statuses(session, device_ids) -> dict[S, int]:
    rows = session.execute(
        select(Device.status, func.count()).where(Device.id.in_(device_ids)).group_by(Device.status)
    )
    return dict(rows.all())


def kinds(session, device_ids) -> list[str]:
    return session.scalars(
        select(DeviceEvent.kind).where(
            DeviceEvent.device_id.in_(device_ids),
            DeviceEvent.kind.in_(["allocated", "unallocated"]),
        )
    ).all()


@pytest.fixture
def city(session):
    """30 ready desktops and three associations asking 5 to 10 each, committed."""
    programme = make_programme(session)
    devices = ready_desktops(session, 30)
    needs = [approved_need(session, programme.id, 5, 10, order=i) for i in range(3)]
    session.commit()
    return {"programme": programme.id, "devices": devices, "needs": [n.id for n in needs]}


def test_a_draft_proposes_lines_with_reasons_and_reserves_nothing(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    session.commit()
    assert draft.status == AllocationStatus.DRAFT
    assert statuses(session, city["devices"]) == {S.READY: 30}
    assert kinds(session, city["devices"]) == []
    review = allocations.review(session, COORDINATOR, draft.id, with_lines=True)
    assert [need["allocated"] for need in review.needs] == [10, 10, 10]
    assert len(review.lines) == 30 and len({code for _, code in review.lines}) == 30
    first = review.needs[0]
    assert first["reason"] | {"cause": None} == {
        "kind": "proportional_share",
        "cause": None,
        "minimum": 5,
        "proportional": 5,
        "remainder": 0,
        "adjustment": 0,
        "filled": 0,
    }
    text = explain(first, review.run)
    assert "Gets 10 devices: first its minimum of 5" in text
    assert "share of the 15 devices left after the minimums is 5 devices" in text
    reasons = session.scalars(
        select(AllocationLine.reason).where(AllocationLine.need_id == first["need_id"])
    ).all()
    assert sorted(reasons) == ["minimum"] * 5 + ["proportional_share"] * 5
    again = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1 bis")
    assert allocations.review(session, COORDINATOR, again.id, with_lines=True).lines == review.lines


def test_confirm_allocates_every_device_through_the_lifecycle(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1", limit=20)
    allocations.confirm(session, COORDINATOR, draft.id)
    session.commit()
    assert draft.status == AllocationStatus.CONFIRMED and draft.decided_at is not None
    assert statuses(session, city["devices"]) == {S.ALLOCATED: 20, S.READY: 10}
    events = session.scalars(
        select(DeviceEvent).where(DeviceEvent.kind == "allocated").order_by(DeviceEvent.id)
    ).all()
    assert len(events) == 20
    assert {e.payload["allocation_id"] for e in events} == {draft.id}
    assert {e.payload["need_id"] for e in events} == set(city["needs"])
    assert all(e.from_status == S.READY and e.to_status == S.ALLOCATED for e in events)
    assert [d["status"] for d in draft.parameters["decisions"]] == ["confirmed"]


def test_confirm_refuses_when_a_device_was_recycled_meanwhile_and_changes_nothing(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    session.commit()
    broken = session.get(Device, city["devices"][3])
    lifecycle.apply(session, broken, "recycled", WAREHOUSE, reason="screen broken")
    session.commit()
    with pytest.raises(Conflict, match=r"1 of the 30 devices of draft \d+ is no longer ready"):
        allocations.confirm(session, COORDINATOR, draft.id)
    session.rollback()
    assert session.get(Allocation, draft.id).status == AllocationStatus.DRAFT
    assert statuses(session, city["devices"]) == {S.READY: 29, S.RECYCLED: 1}
    assert kinds(session, city["devices"]) == []


def test_confirm_refuses_devices_another_allocation_took_first(session, city):
    other = make_programme(session)
    approved_need(session, other.id, 1, 4)
    session.commit()
    ours = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    theirs = allocations.run_draft(session, COORDINATOR, other.id, "Vague 1")
    allocations.confirm(session, COORDINATOR, theirs.id)
    session.commit()
    with pytest.raises(Conflict, match="4 of the 30 devices") as refused:
        allocations.confirm(session, COORDINATOR, ours.id)
    assert (
        "allocated" in refused.value.message and "run the allocation again" in refused.value.message
    )
    session.rollback()
    assert session.get(Allocation, ours.id).status == AllocationStatus.DRAFT
    assert statuses(session, city["devices"]) == {S.READY: 26, S.ALLOCATED: 4}


def test_a_draft_is_refused_once_another_wave_of_its_programme_was_confirmed(session, city):
    first = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1", limit=15)
    second = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 2", limit=15)
    allocations.confirm(session, COORDINATOR, first.id)
    session.commit()
    assert "Vague 1" in allocations.review(session, COORDINATOR, second.id).stale
    with pytest.raises(Conflict, match=r"wave 'Vague 1' .* was confirmed"):
        allocations.confirm(session, COORDINATOR, second.id)
    session.rollback()
    with pytest.raises(Conflict, match="already confirmed"):
        allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")


def test_a_second_wave_accounts_for_the_first(session):
    programme = make_programme(session).id
    devices = ready_desktops(session, 16)
    small = approved_need(session, programme, 2, 3, order=0)
    large = approved_need(session, programme, 4, 12, order=1)
    late = approved_need(session, programme, 5, 6, order=2)
    session.commit()
    wave_one = allocations.run_draft(session, COORDINATOR, programme, "Vague 1", limit=8)
    given = {n["need_id"]: n["allocated"] for n in wave_one.summary["needs"]}
    assert given[small.id] >= 2 and given[large.id] >= 4 and given[late.id] == 0
    allocations.confirm(session, COORDINATOR, wave_one.id)
    session.commit()

    wave_two = allocations.run_draft(session, COORDINATOR, programme, "Vague 2")
    review = allocations.review(session, COORDINATOR, wave_two.id)
    records = {n["need_id"]: n for n in review.needs}
    assert records[small.id]["earlier"] == given[small.id]
    assert records[large.id]["remaining_min"] == 0
    for need in (small, large, late):
        record = records[need.id]
        assert record["earlier"] + record["allocated"] <= need.quantity_max
    assert records[late.id]["allocated"] >= 5
    assert [w.wave for w in review.earlier_waves] == ["Vague 1"]
    assert review.earlier_waves[0].devices == 8
    if given[small.id] == small.quantity_max:
        assert records[small.id]["reason"]["cause"] == "already_satisfied"
    assert "earlier waves" in explain(records[large.id], review.run)
    allocations.confirm(session, COORDINATOR, wave_two.id)
    session.commit()
    assert statuses(session, devices)[S.ALLOCATED] == 8 + wave_two.summary["totals"]["allocated"]


def test_a_recycled_device_no_longer_counts_for_its_need(session):
    programme = make_programme(session).id
    devices = ready_desktops(session, 6)
    need = approved_need(session, programme, 2, 3)
    session.commit()
    wave_one = allocations.run_draft(session, COORDINATOR, programme, "Vague 1")
    allocations.confirm(session, COORDINATOR, wave_one.id)
    given = session.scalars(
        select(AllocationLine.device_id).where(AllocationLine.allocation_id == wave_one.id)
    ).all()
    assert len(given) == 3
    lifecycle.apply(session, session.get(Device, given[0]), "recycled", WAREHOUSE, reason="dead")
    session.commit()
    wave_two = allocations.run_draft(session, COORDINATOR, programme, "Vague 2")
    record = wave_two.summary["needs"][0]
    assert (record["need_id"], record["earlier"], record["allocated"]) == (need.id, 2, 1)
    assert len(devices) == 6


def test_cancel_a_draft_changes_no_device(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    allocations.cancel(session, COORDINATOR, draft.id)
    session.commit()
    assert draft.status == AllocationStatus.CANCELLED
    assert statuses(session, city["devices"]) == {S.READY: 30}
    with pytest.raises(InvalidTransition, match="only a draft can be confirmed"):
        allocations.confirm(session, COORDINATOR, draft.id)
    with pytest.raises(InvalidTransition, match="already cancelled"):
        allocations.cancel(session, COORDINATOR, draft.id)


def test_cancel_a_confirmed_allocation_gives_its_devices_back(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    allocations.confirm(session, COORDINATOR, draft.id)
    session.commit()
    allocations.cancel(session, COORDINATOR, draft.id)
    session.commit()
    assert statuses(session, city["devices"]) == {S.READY: 30}
    assert sorted(kinds(session, city["devices"])) == ["allocated"] * 30 + ["unallocated"] * 30
    assert [d["status"] for d in draft.parameters["decisions"]] == ["confirmed", "cancelled"]
    again = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    assert [n["earlier"] for n in again.summary["needs"]] == [0, 0, 0]


def test_a_confirmed_allocation_cannot_be_cancelled_once_a_device_was_delivered(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    allocations.confirm(session, COORDINATOR, draft.id)
    line = session.scalars(
        select(AllocationLine).where(AllocationLine.allocation_id == draft.id).limit(1)
    ).one()
    need = draft.summary["needs"][0]
    association_id = next(
        n["association_id"] for n in draft.summary["needs"] if n["need_id"] == line.need_id
    )
    handover = Distribution(
        programme_id=city["programme"], association_id=association_id, scheduled_on=date.today()
    )
    session.add(handover)
    session.flush()
    lifecycle.apply(
        session,
        session.get(Device, line.device_id),
        "delivered",
        ADMIN,
        distribution=handover,
        allocated_to_association_id=association_id,
    )
    session.commit()
    with pytest.raises(Conflict, match=r"1 device of allocation .* was already delivered"):
        allocations.cancel(session, COORDINATOR, draft.id)
    session.rollback()
    assert session.get(Allocation, draft.id).status == AllocationStatus.CONFIRMED
    assert statuses(session, city["devices"]) == {S.ALLOCATED: 29, S.DELIVERED: 1}
    assert need["allocated"] == 10


def test_an_association_sees_only_its_own_needs_of_decided_allocations(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    session.commit()
    association_id = draft.summary["needs"][1]["association_id"]
    asso = association_actor(association_id)
    with pytest.raises(NotFound):
        allocations.review(session, asso, draft.id)
    assert allocations.list_allocations(session, asso, city["programme"]) == []
    allocations.confirm(session, COORDINATOR, draft.id)
    session.commit()
    review = allocations.review(session, asso, draft.id, with_lines=True)
    assert [group.association_id for group in review.associations] == [association_id]
    assert review.totals is None and len(review.lines) == 10
    [listing] = allocations.list_allocations(session, asso, city["programme"])
    assert listing.devices == 10
    with pytest.raises(PermissionDenied):
        allocations.cancel(session, asso, draft.id)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"wave": "  "}, "wave"),
        ({"wave": "x" * 81}, "wave"),
        ({"limit": -1}, "limit"),
        ({"limit": "12"}, "limit"),
        ({"policy": "random"}, "policy"),
    ],
)
def test_a_run_names_the_field_it_refuses(session, city, arguments, field):
    values = {"wave": "Vague 1", "limit": None, "policy": "spread"} | arguments
    with pytest.raises(ValidationFailed) as refused:
        allocations.run_draft(session, COORDINATOR, city["programme"], **values)
    assert list(refused.value.errors) == [field]


def test_only_allocation_writers_run_confirm_and_cancel(session, city):
    with pytest.raises(PermissionDenied):
        allocations.run_draft(session, WAREHOUSE, city["programme"], "Vague 1")
    with pytest.raises(NotFound):
        allocations.run_draft(session, COORDINATOR, 999_999, "Vague 1")
    with pytest.raises(NotFound):
        allocations.confirm(session, COORDINATOR, 999_999)


def test_confirm_from_a_stale_version_is_refused(session, city):
    draft = allocations.run_draft(session, COORDINATOR, city["programme"], "Vague 1")
    session.commit()
    with pytest.raises(StaleVersion, match="changed by someone else"):
        allocations.confirm(session, COORDINATOR, draft.id, expected_version=draft.version + 1)


def test_only_approved_needs_of_active_associations_are_considered(session, city):
    programme = city["programme"]
    make_need(session, programme_id=programme, quantity_min=1, quantity_max=5)
    inactive = make_association(session, active=False)
    approved_need(session, programme, 1, 5, association_id=inactive.id)
    draft = allocations.run_draft(session, COORDINATOR, programme, "Vague 1")
    assert [n["need_id"] for n in draft.summary["needs"]] == city["needs"]


def test_a_need_not_served_says_why_in_words(session):
    programme = make_programme(session).id
    ready_desktops(session, 8)
    first = approved_need(session, programme, 6, 6, priority=1)
    squeezed = approved_need(session, programme, 4, 5, priority=2)
    laptops = approved_need(session, programme, 1, 2, category="laptop")
    draft = allocations.run_draft(session, COORDINATOR, programme, "Vague 1")
    review = allocations.review(session, COORDINATOR, draft.id)
    text = {n["need_id"]: explain(n, review.run) for n in review.needs}
    assert "which is also the most it asked" in text[first.id]
    assert "the needs ranked before it took so many" in text[squeezed.id]
    assert "priority 2" in text[squeezed.id] and "2026-03-02" in text[squeezed.id]
    assert "no ready device fits what it asks (laptops)" in text[laptops.id]
    assert review.totals["not_served"] == {"priority": 1, "fit": 1}


def test_the_run_reads_kit_grade_and_specs_into_classes(session):
    ready_desktops(session, 2)
    bare = ready_desktops(session, 1)
    session.get(Device, bare[0]).accessories = "power cable"
    make_device(session, S.READY, category="monitor", ram_gb=None, storage_gb=None)
    session.flush()
    classes = allocation_data.read_stock(db.session)
    kit = Counter()
    for device_class in classes:  # each builder device has a warehouse of its own
        kit[device_class.category, device_class.has_kit] += device_class.count
    assert kit[("desktop", True)] == 2 and kit[("desktop", False)] == 1
    assert kit[("monitor", False)] == 1
    monitor = next(c for c in classes if c.category == "monitor")
    assert (monitor.ram_gb, monitor.storage_gb, monitor.grade) == (0, 0, "B")


def test_two_drafts_sharing_devices_confirmed_at_once_never_both_win(committed_app):
    """Two coordinators confirm, at the same moment and in two real transactions, drafts of two
    programmes that propose the same devices: exactly one wins, the other changes nothing."""
    with committed_app.app_context():
        devices = ready_desktops(db.session, 8)
        drafts = []
        for _ in range(2):
            programme = make_programme(db.session).id
            approved_need(db.session, programme, 3, 6)
            drafts.append(allocations.run_draft(db.session, COORDINATOR, programme, "Vague 1").id)
        db.session.commit()
        engine = db.engine
    start = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def confirm(allocation_id: int) -> None:
        with Session(engine) as session:
            session.get(Allocation, allocation_id)
            start.wait()
            try:
                allocations.confirm(session, COORDINATOR, allocation_id)
                session.commit()
                outcomes[allocation_id] = "confirmed"
            except Conflict as error:
                session.rollback()
                outcomes[allocation_id] = error

    threads = [threading.Thread(target=confirm, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    [winner] = [draft for draft in drafts if outcomes[draft] == "confirmed"]
    [loser] = [draft for draft in drafts if draft != winner]
    assert isinstance(outcomes[loser], Conflict), outcomes
    with Session(engine) as check:
        assert check.get(Allocation, loser).status == AllocationStatus.DRAFT
        assert statuses(check, devices) == {S.ALLOCATED: 6, S.READY: 2}
        payloads = check.scalars(
            select(DeviceEvent.payload).where(DeviceEvent.kind == "allocated")
        ).all()
        assert [p["allocation_id"] for p in payloads] == [winner] * 6
