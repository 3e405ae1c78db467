"""The device lifecycle: every guard holds whoever calls, and every change leaves an event."""

import pytest
from sqlalchemy import select

from reuse.errors import InvalidTransition, PermissionDenied, StaleVersion, ValidationFailed
from reuse.models import (
    Allocation,
    AllocationStatus,
    DeviceEvent,
    DeviceStatus,
    Distribution,
    DistributionStatus,
    Grade,
)
from reuse.services import lifecycle, refurbishment
from tests.builders import (
    ADMIN,
    PARTNER,
    WAREHOUSE,
    make_association,
    make_device,
    make_programme,
    make_warehouse,
)

S = DeviceStatus


def events(session, device):
    return session.scalars(
        select(DeviceEvent).where(DeviceEvent.device_id == device.id).order_by(DeviceEvent.id)
    ).all()


def refurbish(session, device, *, erasure="passed", test="passed", grade="A", method="purge"):
    if erasure:
        refurbishment.record_erasure(
            session,
            device,
            WAREHOUSE,
            method=method,
            result=erasure,
            technique=None if method == "no-storage" else "overwrite",
        )
    if test:
        refurbishment.record_test(session, device, WAREHOUSE, result=test)
    if grade:
        refurbishment.set_grade(session, device, WAREHOUSE, grade)


def test_receiving_needs_a_warehouse_and_records_who_and_where(session):
    device = make_device(session)
    with pytest.raises(InvalidTransition, match="warehouse is required"):
        lifecycle.apply(session, device, "received", WAREHOUSE)
    warehouse = make_warehouse(session)
    event = lifecycle.apply(session, device, "received", WAREHOUSE, warehouse_id=warehouse.id)
    assert device.status == S.RECEIVED and device.warehouse_id == warehouse.id
    assert (event.kind, event.from_status, event.to_status) == ("received", S.COLLECTED, S.RECEIVED)
    assert event.actor_name == WAREHOUSE.name


def test_a_collected_device_cannot_be_refurbished_before_it_is_received(session):
    device = make_device(session)
    with pytest.raises(InvalidTransition, match="not been received"):
        refurbishment.record_test(session, device, WAREHOUSE, result="passed")


def test_first_refurbishment_record_moves_a_received_device_to_refurbishing(session):
    device = make_device(session, status=S.RECEIVED)
    refurbishment.record_test(session, device, WAREHOUSE, result="passed", notes="all ports")
    assert device.status == S.REFURBISHING
    last = events(session, device)[-1]
    assert (last.kind, last.from_status, last.to_status) == ("test", S.RECEIVED, S.REFURBISHING)
    assert last.payload["notes"] == "all ports"


@pytest.mark.parametrize(
    ("records", "problem"),
    [
        ({"erasure": None}, "no passed data erasure"),
        ({"erasure": "failed"}, "no passed data erasure"),
        ({"test": None}, "no functional test"),
        ({"test": "failed"}, "latest functional test failed"),
        ({"grade": None}, "no grade"),
    ],
)
def test_ready_is_refused_until_erasure_test_and_grade_are_done(session, records, problem):
    device = make_device(session, status=S.RECEIVED)
    refurbish(session, device, **records)
    with pytest.raises(InvalidTransition, match=problem):
        refurbishment.mark_ready(session, device, WAREHOUSE)
    assert device.status == S.REFURBISHING


def test_ready_accepts_a_device_without_storage(session):
    device = make_device(session, status=S.RECEIVED, category="monitor", storage_gb=None)
    refurbish(session, device, method="no-storage")
    refurbishment.mark_ready(session, device, WAREHOUSE)
    assert device.status == S.READY


def test_a_later_passed_test_overrides_an_earlier_failure(session):
    device = make_device(session, status=S.RECEIVED)
    refurbish(session, device, test="failed")
    refurbishment.record_test(session, device, WAREHOUSE, result="passed", notes="after repair")
    refurbishment.mark_ready(session, device, WAREHOUSE)
    assert device.status == S.READY


def test_a_desktop_needing_a_kit_is_ready_only_with_keyboard_and_mouse(session):
    device = make_device(
        session, status=S.RECEIVED, category="desktop", kit_required=True, accessories="keyboard"
    )
    refurbish(session, device)
    with pytest.raises(InvalidTransition, match="kit is incomplete: mouse"):
        refurbishment.mark_ready(session, device, WAREHOUSE)
    device.accessories = "keyboard, mouse, power cable"
    refurbishment.mark_ready(session, device, WAREHOUSE)
    assert device.status == S.READY


def test_a_desktop_without_kit_requirement_is_ready_alone(session):
    device = make_device(session, status=S.RECEIVED, category="desktop", kit_required=False)
    refurbish(session, device)
    refurbishment.mark_ready(session, device, WAREHOUSE)
    assert device.status == S.READY


def test_new_work_on_a_ready_device_sends_it_back_to_refurbishing(session):
    device = make_device(session, status=S.READY)
    refurbishment.record_test(session, device, WAREHOUSE, result="failed", notes="no boot")
    assert device.status == S.REFURBISHING
    with pytest.raises(InvalidTransition, match="latest functional test failed"):
        refurbishment.mark_ready(session, device, WAREHOUSE)


def _allocation(session, status):
    allocation = Allocation(programme_id=make_programme(session).id, wave="1", status=status)
    session.add(allocation)
    session.flush()
    return allocation


def test_only_a_confirmed_allocation_allocates_a_ready_device(session):
    device = make_device(session, status=S.READY)
    with pytest.raises(InvalidTransition, match="confirmed allocation"):
        lifecycle.apply(session, device, "allocated", ADMIN)
    with pytest.raises(InvalidTransition, match="confirmed allocation"):
        lifecycle.apply(
            session,
            device,
            "allocated",
            ADMIN,
            allocation=_allocation(session, AllocationStatus.DRAFT),
        )
    lifecycle.apply(
        session,
        device,
        "allocated",
        ADMIN,
        allocation=_allocation(session, AllocationStatus.CONFIRMED),
    )
    assert device.status == S.ALLOCATED


def test_a_device_that_is_not_ready_cannot_be_allocated(session):
    device = make_device(session, status=S.REFURBISHING)
    with pytest.raises(InvalidTransition, match="still being refurbished"):
        lifecycle.apply(
            session,
            device,
            "allocated",
            ADMIN,
            allocation=_allocation(session, AllocationStatus.CONFIRMED),
        )


def _allocated(session):
    device = make_device(session, status=S.READY)
    lifecycle.apply(
        session,
        device,
        "allocated",
        ADMIN,
        allocation=_allocation(session, AllocationStatus.CONFIRMED),
    )
    return device


def _distribution(session, association_id, status=DistributionStatus.OPEN):
    from datetime import date

    distribution = Distribution(
        programme_id=make_programme(session).id,
        association_id=association_id,
        scheduled_on=date(2026, 12, 1),
        status=status,
    )
    session.add(distribution)
    session.flush()
    return distribution


def test_delivery_needs_an_open_distribution_of_the_allocated_association(session):
    device = _allocated(session)
    ours, theirs = make_association(session), make_association(session)
    with pytest.raises(InvalidTransition, match="another association"):
        lifecycle.apply(
            session,
            device,
            "delivered",
            WAREHOUSE,
            distribution=_distribution(session, theirs.id),
            allocated_to_association_id=ours.id,
        )
    with pytest.raises(InvalidTransition, match="open distribution"):
        lifecycle.apply(
            session,
            device,
            "delivered",
            WAREHOUSE,
            distribution=_distribution(session, ours.id, DistributionStatus.CLOSED),
            allocated_to_association_id=ours.id,
        )
    lifecycle.apply(
        session,
        device,
        "delivered",
        WAREHOUSE,
        distribution=_distribution(session, ours.id),
        allocated_to_association_id=ours.id,
    )
    assert device.status == S.DELIVERED


@pytest.mark.parametrize("status", [S.COLLECTED, S.RECEIVED, S.REFURBISHING, S.READY])
def test_recycling_needs_a_reason_and_works_from_any_state_before_delivery(session, status):
    device = make_device(session, status=status)
    with pytest.raises(ValidationFailed, match="reason: say why"):
        refurbishment.recycle(session, device, WAREHOUSE, "  ")
    with pytest.raises(InvalidTransition, match="reason is required"):
        lifecycle.apply(session, device, "recycled", WAREHOUSE)
    refurbishment.recycle(session, device, WAREHOUSE, "carte mère HS")
    assert device.status == S.RECYCLED
    assert events(session, device)[-1].payload == {"reason": "carte mère HS"}


def test_a_delivered_or_recycled_device_cannot_be_recycled(session):
    recycled = make_device(session, status=S.RECYCLED)
    with pytest.raises(InvalidTransition, match="has been recycled"):
        refurbishment.recycle(session, recycled, WAREHOUSE, "again")


def test_a_returned_device_must_be_erased_and_tested_again(session):
    device = _allocated(session)
    association = make_association(session)
    lifecycle.apply(
        session,
        device,
        "delivered",
        WAREHOUSE,
        distribution=_distribution(session, association.id),
        allocated_to_association_id=association.id,
    )
    with pytest.raises(InvalidTransition, match="has been delivered"):
        refurbishment.recycle(session, device, WAREHOUSE, "broken")
    refurbishment.return_device(session, device, WAREHOUSE, "association closed")
    assert (device.status, device.cycle) == (S.RECEIVED, 2)
    refurbishment.set_grade(session, device, WAREHOUSE, "B")
    with pytest.raises(InvalidTransition, match=r"no passed data erasure.*no functional test"):
        refurbishment.mark_ready(session, device, WAREHOUSE)
    refurbish(session, device, grade="B")
    refurbishment.mark_ready(session, device, WAREHOUSE)
    assert device.status == S.READY and device.grade == Grade.B


def test_every_change_is_one_event_with_actor_time_and_statuses(session):
    device = make_device(session, status=S.RECEIVED)
    refurbish(session, device)
    refurbishment.mark_ready(session, device, WAREHOUSE)
    kinds = [(e.kind, e.from_status, e.to_status) for e in events(session, device)]
    assert kinds == [
        ("registered", None, S.COLLECTED),
        ("received", S.COLLECTED, S.RECEIVED),
        ("erasure", S.RECEIVED, S.REFURBISHING),
        ("test", S.REFURBISHING, S.REFURBISHING),
        ("graded", S.REFURBISHING, S.REFURBISHING),
        ("ready", S.REFURBISHING, S.READY),
    ]
    assert all(e.at is not None and e.actor_name for e in events(session, device))


def test_a_change_from_a_stale_version_is_refused(session):
    device = make_device(session, status=S.RECEIVED)
    stale = device.version
    refurbishment.record_test(session, device, WAREHOUSE, result="passed")
    assert device.version > stale
    with pytest.raises(StaleVersion, match="changed by someone else"):
        refurbishment.set_grade(session, device, WAREHOUSE, "A", expected_version=stale)


def test_roles_without_device_rights_cannot_change_devices(session):
    device = make_device(session, status=S.RECEIVED)
    with pytest.raises(PermissionDenied):
        refurbishment.record_test(session, device, PARTNER, result="passed")
    with pytest.raises(PermissionDenied):
        lifecycle.apply(session, device, "recycled", PARTNER, reason="x")


def test_unknown_kinds_and_values_are_refused_naming_the_field(session):
    device = make_device(session, status=S.RECEIVED)
    with pytest.raises(ValidationFailed, match="kind"):
        lifecycle.apply(session, device, "teleported", ADMIN)
    with pytest.raises(ValidationFailed) as refused:
        refurbishment.record_erasure(session, device, WAREHOUSE, method="shred", result="ok")
    assert set(refused.value.errors) == {"method", "result"}
    with pytest.raises(ValidationFailed, match="grade"):
        refurbishment.set_grade(session, device, WAREHOUSE, "D")


def test_allowed_kinds_lists_what_the_status_permits(session):
    assert lifecycle.allowed_kinds(make_device(session, status=S.READY)) == [
        "allocated",
        "recycled",
    ]


def test_many_devices_move_at_once_with_one_event_each(session):
    allocation = _allocation(session, AllocationStatus.CONFIRMED)
    ready = [make_device(session, status=S.READY) for _ in range(3)]
    versions = [device.version for device in ready]
    moved = lifecycle.apply_many(
        session,
        [d.id for d in ready],
        "allocated",
        ADMIN,
        allocation=allocation,
        payloads={ready[0].id: {"need_id": 7}},
        payload={"wave": "1"},
    )
    assert moved == 3
    assert [d.status for d in ready] == [S.ALLOCATED] * 3, "loaded devices are read again"
    assert all(d.version > v for d, v in zip(ready, versions, strict=True))
    last = [events(session, d)[-1] for d in ready]
    assert [(e.kind, e.from_status, e.to_status) for e in last] == [
        ("allocated", S.READY, S.ALLOCATED)
    ] * 3
    assert last[0].payload == {"need_id": 7} and last[1].payload == {"wave": "1"}


def test_moving_many_refuses_naming_the_devices_that_cannot_move(session):
    allocation = _allocation(session, AllocationStatus.CONFIRMED)
    ready = make_device(session, status=S.READY)
    busy = make_device(session, status=S.REFURBISHING)
    with pytest.raises(InvalidTransition, match=f"{busy.code} \\(it is still being refurbished"):
        lifecycle.apply_many(
            session, [ready.id, busy.id], "allocated", ADMIN, allocation=allocation
        )
    with pytest.raises(InvalidTransition, match="confirmed allocation"):
        lifecycle.apply_many(session, [ready.id], "allocated", ADMIN)
    with pytest.raises(PermissionDenied):
        lifecycle.apply_many(session, [ready.id], "allocated", WAREHOUSE, allocation=allocation)
    with pytest.raises(ValidationFailed, match="bulk"):
        lifecycle.apply_many(session, [ready.id], "ready", ADMIN)
