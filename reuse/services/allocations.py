"""Allocation runs of a programme's wave: a draft proposed by the engine, reviewed, then confirmed
or cancelled (DESIGN section 6).

A draft reserves nothing: several drafts may exist at once, and each sees every ready device.
Confirming re-checks, in one transaction and under row locks, that every device is still ready
and that the programme's confirmed waves are those the draft was based on; otherwise nothing
changes. A need keeps what earlier confirmed waves gave it: its devices still allocated or
delivered through them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from reuse import codes, permissions
from reuse.allocation import allocate
from reuse.errors import Conflict, InvalidTransition, NotFound, StaleVersion
from reuse.models import (
    Allocation,
    AllocationLine,
    AllocationPolicy,
    AllocationStatus,
    Association,
    Device,
    DeviceStatus,
    NeedStatus,
    Programme,
    Role,
)
from reuse.models import Need as NeedRow
from reuse.models.base import utcnow
from reuse.services import allocation_data, lifecycle, persistence
from reuse.services.actors import Actor
from reuse.services.validation import Checker

S = AllocationStatus
#: At most this many device codes are named in a conflict message.
NAMED = 10
MAX_LIMIT = 10_000_000


@dataclass(frozen=True)
class EarlierWave:
    """A confirmed allocation of the programme that a run builds on."""

    id: int
    wave: str
    decided_at: datetime | None
    devices: int


@dataclass(frozen=True)
class AssociationReview:
    """One association's needs in a run, with what earlier waves gave and what this one adds."""

    association_id: int
    name: str
    needs: list[dict[str, Any]]

    @property
    def earlier(self) -> int:
        """Devices its needs kept from earlier waves when the run was made."""
        return sum(need["earlier"] for need in self.needs)

    @property
    def allocated(self) -> int:
        """Devices this run gives it."""
        return sum(need["allocated"] for need in self.needs)

    @property
    def after(self) -> int:
        """Devices it holds once this run is confirmed."""
        return self.earlier + self.allocated


@dataclass(frozen=True)
class Review:
    """An allocation as a person reviews it: per association, against the earlier waves."""

    allocation: Allocation
    devices: int  # its lines, counted as the programme's list counts them
    associations: list[AssociationReview]
    earlier_waves: list[EarlierWave]
    run: dict[str, Any]
    totals: dict[str, Any] | None
    stale: str | None
    lines: list[tuple[int, str]] | None

    @property
    def needs(self) -> list[dict[str, Any]]:
        """Every need of the review, in the order the run considered them."""
        return sorted(
            (need for group in self.associations for need in group.needs),
            key=operator.itemgetter("rank"),
        )


@dataclass(frozen=True)
class AllocationListing:
    """One allocation in a programme's list."""

    allocation: Allocation
    devices: int


def run_draft(
    session: Session,
    actor: Actor,
    programme_id: int,
    wave: str,
    limit: int | None = None,
    policy: str = "spread",
) -> Allocation:
    """Propose a draft allocation of the ready stock to the programme's approved needs."""
    permissions.require(actor, "allocations.write")
    programme = session.get(Programme, programme_id)
    if programme is None:
        raise NotFound(f"no programme with id {programme_id}", field="programme_id")
    wave, limit, policy_value = _checked_run(wave, limit, policy)
    confirmed = _confirmed(session, programme_id)
    for earlier in confirmed:
        if earlier.wave == wave:
            raise Conflict(
                f"wave '{wave}' of this programme was already confirmed (allocation "
                f"{earlier.id}): give this wave another name",
                field="wave",
            )
    classes = allocation_data.read_stock(session)
    needs = allocation_data.read_needs(session, programme_id)
    result = allocate(classes, needs, limit=limit, policy=policy_value.value)

    allocation = Allocation(
        programme_id=programme_id,
        wave=wave,
        device_limit=limit,
        policy=policy_value,
        status=S.DRAFT,
        parameters={
            "wave": wave,
            "limit": limit,
            "policy": policy_value.value,
            "based_on": [earlier.id for earlier in confirmed],
            "decisions": [],
        },
        summary=allocation_data.summarise(result, needs, classes),
        created_by_id=actor.user_id,
    )
    session.add(allocation)
    persistence.flush(session, what="allocation")
    allocation_data.insert_lines(session, allocation.id, *allocation_data.line_rows(result))
    return allocation


def _checked_run(wave: Any, limit: Any, policy: Any) -> tuple[str, int | None, AllocationPolicy]:
    check = Checker()
    name = check.required("wave", wave)
    if name is not None and not isinstance(name, str):
        check.add("wave", "the wave's name must be text")
    elif name is not None and len(name) > 80:
        check.add("wave", "must be at most 80 characters")
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int):
            check.add("limit", f"'{limit}' is not a whole number")
        else:
            check.non_negative("limit", limit, maximum=MAX_LIMIT)
    policy_value = check.choice("policy", policy, AllocationPolicy, required=True)
    check.raise_if_any()
    return name, limit, policy_value


def _confirmed(session: Session, programme_id: int) -> list[Allocation]:
    return list(
        session.scalars(
            select(Allocation)
            .where(Allocation.programme_id == programme_id, Allocation.status == S.CONFIRMED)
            .order_by(Allocation.decided_at, Allocation.id)
        )
    )


def list_allocations(session: Session, actor: Actor, programme_id: int) -> list[AllocationListing]:
    """A programme's allocations, newest first, with their number of devices.

    An association's user sees decided ones only, counted on its own needs.
    """
    permissions.require(actor, "allocations.read")
    if session.get(Programme, programme_id) is None:
        raise NotFound(f"no programme with id {programme_id}", field="programme_id")
    query = (
        select(Allocation)
        .options(defer(Allocation.summary))
        .where(Allocation.programme_id == programme_id)
        .order_by(Allocation.created_at.desc(), Allocation.id.desc())
    )
    own = _own_association(actor)
    if own is not None:
        query = query.where(Allocation.status != S.DRAFT)
    allocations = list(session.scalars(query))
    counts = _line_counts(session, [a.id for a in allocations], own)
    return [AllocationListing(a, counts.get(a.id, 0)) for a in allocations]


def get_allocation(session: Session, actor: Actor, allocation_id: int) -> Allocation:
    """One allocation the actor may read (an association's user: decided ones only)."""
    permissions.require(actor, "allocations.read")
    allocation = session.get(Allocation, allocation_id)
    if allocation is None or (_own_association(actor) is not None and allocation.status == S.DRAFT):
        raise NotFound(f"no allocation with id {allocation_id}", field="id")
    return allocation


def review(
    session: Session, actor: Actor, allocation_id: int, *, with_lines: bool = False
) -> Review:
    """An allocation per association, with the reasons, the earlier waves and what changes.

    An association's user sees only its own needs and lines, and no programme totals.
    """
    allocation = get_allocation(session, actor, allocation_id)
    own = _own_association(actor)
    summary = allocation.summary or {}
    records = summary.get("needs", [])
    if own is not None:
        records = [record for record in records if record["association_id"] == own]
    names = _association_names(session, {record["association_id"] for record in records})
    by_association: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        by_association.setdefault(record["association_id"], []).append(record)
    associations = sorted(
        (
            AssociationReview(association_id, names.get(association_id, ""), needs)
            for association_id, needs in by_association.items()
        ),
        key=lambda group: (group.name.casefold(), group.association_id),
    )
    parameters = allocation.parameters or {}
    totals = summary.get("totals")
    run = {
        "wave": allocation.wave,
        "policy": allocation.policy.value,
        "limit": allocation.device_limit,
        "shared": summary.get("shared", 0),
        "asked_beyond": summary.get("asked_beyond", 0),
        "limit_reached": bool(totals and totals.get("limit_reached")),
    }
    return Review(
        allocation=allocation,
        devices=_line_counts(session, [allocation.id], own).get(allocation.id, 0),
        associations=associations,
        earlier_waves=_earlier_waves(session, parameters.get("based_on", []), own),
        run=run,
        totals=totals if own is None else None,
        stale=staleness(session, allocation) if allocation.status == S.DRAFT else None,
        lines=_device_codes(session, allocation.id, own) if with_lines else None,
    )


def staleness(session: Session, allocation: Allocation) -> str | None:
    """Why a draft can no longer be confirmed as it stands, or None when nothing changed."""
    based_on = set((allocation.parameters or {}).get("based_on", []))
    now = {earlier.id: earlier for earlier in _confirmed(session, allocation.programme_id)}
    added = [now[i] for i in sorted(set(now) - based_on)]
    gone = sorted(based_on - set(now))
    if not added and not gone:
        return None
    changes = [f"wave '{a.wave}' (allocation {a.id}) was confirmed" for a in added]
    changes += [f"allocation {i} was cancelled" for i in gone]
    return (
        f"since draft {allocation.id} was run, {' and '.join(changes)}: what the needs already "
        "received has changed, so run the allocation again"
    )


def confirm(
    session: Session,
    actor: Actor,
    allocation_id: int,
    expected_version: int | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> Allocation:
    """Confirm a draft: every device still ready, or a Conflict and nothing changed; then each
    device becomes allocated through the lifecycle, with its event, in bulk (`progress` is told
    how many are done).

    :raises Conflict: a device moved, the programme's waves changed, or a need was withdrawn.
    """
    permissions.require(actor, "allocations.write")
    allocation = _locked(session, allocation_id, expected_version)
    if allocation.status != S.DRAFT:
        raise InvalidTransition(
            f"allocation {allocation.id} is {allocation.status.value}: only a draft can be "
            "confirmed",
            field="status",
        )
    stale = staleness(session, allocation)
    if stale:
        raise Conflict(stale, field="based_on")
    _check_needs_still_approved(session, allocation)
    moved = [
        (code, status)
        for _, code, status in _lock_devices(session, _line_devices(allocation.id))
        if status != DeviceStatus.READY
    ]
    if moved:
        total = session.scalar(
            select(func.count()).where(AllocationLine.allocation_id == allocation.id)
        )
        verb = "is" if len(moved) == 1 else "are"
        raise Conflict(
            f"{len(moved)} of the {total} devices of draft {allocation.id} {verb} no longer "
            f"ready ({_named(moved)}): nothing was confirmed; run the allocation again",
            field="devices",
        )
    _decide(session, allocation, S.CONFIRMED, actor)
    owners = {
        device_id: (need_id, association_id)
        for device_id, need_id, association_id in session.execute(
            select(AllocationLine.device_id, AllocationLine.need_id, NeedRow.association_id)
            .join(NeedRow, NeedRow.id == AllocationLine.need_id)
            .where(AllocationLine.allocation_id == allocation.id)
        )
    }
    lifecycle.apply_many(
        session,
        owners,
        "allocated",
        actor,
        allocation=allocation,
        payloads={
            device_id: {
                "allocation_id": allocation.id,
                "wave": allocation.wave,
                "need_id": need_id,
                "association_id": association_id,
            }
            for device_id, (need_id, association_id) in owners.items()
        },
    )
    if progress:
        progress(len(owners))
    return allocation


def cancel(
    session: Session, actor: Actor, allocation_id: int, expected_version: int | None = None
) -> Allocation:
    """Cancel a draft, or a confirmed allocation none of whose devices was delivered yet (its
    devices go back to ready through the lifecycle)."""
    permissions.require(actor, "allocations.write")
    allocation = _locked(session, allocation_id, expected_version)
    if allocation.status == S.CANCELLED:
        raise InvalidTransition(f"allocation {allocation.id} is already cancelled", field="status")
    if allocation.status == S.DRAFT:
        _decide(session, allocation, S.CANCELLED, actor)
        return allocation
    held = (
        allocation_data.held_lines(allocation.programme_id, AllocationLine.device_id)
        .where(AllocationLine.allocation_id == allocation.id)
        .scalar_subquery()
    )
    rows = _lock_devices(session, held)
    delivered = [(code, status) for _, code, status in rows if status == DeviceStatus.DELIVERED]
    if delivered:
        what = "1 device" if len(delivered) == 1 else f"{len(delivered)} devices"
        verb = "was" if len(delivered) == 1 else "were"
        raise Conflict(
            f"{what} of allocation {allocation.id} {verb} already delivered "
            f"({_named(delivered)}): it can no longer be cancelled",
            field="status",
        )
    _decide(session, allocation, S.CANCELLED, actor)
    ids = [device_id for device_id, _, status in rows if status == DeviceStatus.ALLOCATED]
    payload = {"allocation_id": allocation.id, "wave": allocation.wave}
    lifecycle.apply_many(session, ids, "unallocated", actor, payload=payload)
    return allocation


def _own_association(actor: Actor) -> int | None:
    """The association an actor is limited to, or None for staff."""
    if actor.role == Role.ASSOCIATION:
        return actor.association_id if actor.association_id is not None else -1
    return None


def _locked(session: Session, allocation_id: int, expected_version: int | None) -> Allocation:
    """The allocation, its programme's row locked first: decisions on one programme's waves
    happen one at a time, since each wave builds on the confirmed ones."""
    programme_id = session.scalar(
        select(Allocation.programme_id).where(Allocation.id == allocation_id)
    )
    if programme_id is None:
        raise NotFound(f"no allocation with id {allocation_id}", field="id")
    # NO KEY UPDATE: it waits for another decision, but not for drafts being written (their
    # foreign keys take KEY SHARE locks on the same rows).
    session.execute(
        select(Programme.id).where(Programme.id == programme_id).with_for_update(key_share=True)
    )
    allocation = session.scalars(
        select(Allocation)
        .where(Allocation.id == allocation_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).one()
    if expected_version is not None and expected_version != allocation.version:
        raise StaleVersion(
            f"allocation {allocation.id} was changed by someone else (version "
            f"{allocation.version}, you had {expected_version}): reload it and try again"
        )
    return allocation


def _line_devices(allocation_id: int) -> sa.ScalarSelect:
    return (
        select(AllocationLine.device_id)
        .where(AllocationLine.allocation_id == allocation_id)
        .scalar_subquery()
    )


def _lock_devices(session: Session, device_ids: sa.ScalarSelect) -> list[tuple]:
    """(id, code, status) of the devices, row-locked in id order so that two decisions never
    wait on each other crosswise."""
    return session.execute(
        select(Device.id, Device.code, Device.status)
        .where(Device.id.in_(device_ids))
        .order_by(Device.id)
        .with_for_update(key_share=True)
    ).all()


def _named(devices: Sequence[tuple[str, DeviceStatus]]) -> str:
    """The first devices of a list with their status, and how many more."""
    shown = ", ".join(f"{codes.display(code)} {status.value}" for code, status in devices[:NAMED])
    more = len(devices) - NAMED
    return f"{shown} and {more} more" if more > 0 else shown


def _check_needs_still_approved(session: Session, allocation: Allocation) -> None:
    withdrawn = session.scalars(
        select(NeedRow.id)
        .where(
            NeedRow.id.in_(
                select(AllocationLine.need_id)
                .where(AllocationLine.allocation_id == allocation.id)
                .distinct()
            ),
            NeedRow.status != NeedStatus.APPROVED,
        )
        .order_by(NeedRow.id)
    ).all()
    if withdrawn:
        raise Conflict(
            f"needs {', '.join(map(str, withdrawn))} are no longer approved: run the allocation "
            "again",
            field="needs",
        )


def _decide(session: Session, allocation: Allocation, status: AllocationStatus, actor: Actor):
    now = utcnow()
    parameters = dict(allocation.parameters or {})
    decision = {"status": status.value, "at": now.isoformat(), "by": actor.name}
    parameters["decisions"] = [*parameters.get("decisions", []), decision]
    allocation.parameters = parameters
    allocation.status = status
    allocation.decided_at = now
    allocation.decided_by_id = actor.user_id
    persistence.flush(session, what=f"allocation {allocation.id}")


def _line_counts(session: Session, allocation_ids: list[int], own: int | None) -> dict[int, int]:
    if not allocation_ids:
        return {}
    query = (
        select(AllocationLine.allocation_id, func.count())
        .where(AllocationLine.allocation_id.in_(allocation_ids))
        .group_by(AllocationLine.allocation_id)
    )
    if own is not None:
        query = query.join(NeedRow, NeedRow.id == AllocationLine.need_id).where(
            NeedRow.association_id == own
        )
    return dict(session.execute(query).all())


def _earlier_waves(session: Session, ids: list[int], own: int | None) -> list[EarlierWave]:
    if not ids:
        return []
    counts = _line_counts(session, ids, own)
    allocations = session.scalars(
        select(Allocation)
        .options(defer(Allocation.summary))
        .where(Allocation.id.in_(ids))
        .order_by(Allocation.decided_at, Allocation.id)
    )
    return [EarlierWave(a.id, a.wave, a.decided_at, counts.get(a.id, 0)) for a in allocations]


def _association_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        session.execute(
            select(Association.id, Association.name).where(Association.id.in_(ids))
        ).all()
    )


def _device_codes(session: Session, allocation_id: int, own: int | None) -> list[tuple[int, str]]:
    """(need id, device code) of every line, in the order written."""
    query = (
        select(AllocationLine.need_id, Device.code)
        .join(Device, Device.id == AllocationLine.device_id)
        .where(AllocationLine.allocation_id == allocation_id)
        .order_by(AllocationLine.id)
    )
    if own is not None:
        query = query.join(NeedRow, NeedRow.id == AllocationLine.need_id).where(
            NeedRow.association_id == own
        )
    return [(need_id, code) for need_id, code in session.execute(query)]
