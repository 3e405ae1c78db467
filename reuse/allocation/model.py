"""Plain, frozen inputs and outputs of the allocation engine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cached_property

import numpy as np

GRADES = ("A", "B", "C")
"""Grades from best to worst: a device fits a minimum grade when it is at least as good."""


class Policy(StrEnum):
    """How what remains after the minima is shared."""

    SPREAD = "spread"
    FILL = "fill"


class Kind(StrEnum):
    """What a need's allocation mostly comes from."""

    MINIMUM = "minimum"
    PROPORTIONAL_SHARE = "proportional_share"
    REMAINDER = "remainder"
    FILLED = "filled"
    NOT_SERVED = "not_served"


class Cause(StrEnum):
    """Why a need got nothing in this run."""

    PRIORITY = "priority"
    """Devices that fit it would suffice, but needs ranked before it took them first."""
    STOCK = "stock"
    """Too few devices that fit it are left, whatever the other needs get."""
    FIT = "fit"
    """No device in stock fits its constraints at all."""
    LIMIT = "limit"
    """The wave limit was reached."""
    ALREADY_SATISFIED = "already_satisfied"
    """Earlier waves already gave it its maximum."""


@dataclass(frozen=True, eq=False)
class DeviceClass:
    """Interchangeable ready devices of one warehouse and their concrete ids.

    `device_ids` may be a tuple or a one-dimensional NumPy integer array; the engine hands
    devices out lowest id first.
    """

    category: str
    grade: str
    ram_gb: int
    storage_gb: int
    has_kit: bool
    warehouse_id: int
    device_ids: Sequence[int]

    def __post_init__(self) -> None:
        if self.grade not in GRADES:
            raise ValueError(f"grade must be one of {GRADES}, not {self.grade!r}")
        if self.ram_gb < 0 or self.storage_gb < 0:
            raise ValueError("ram_gb and storage_gb cannot be negative")

    @property
    def count(self) -> int:
        """Number of devices in the class."""
        return len(self.device_ids)


@dataclass(frozen=True)
class Need:
    """One association's request for devices of one category, with its constraints."""

    id: int
    association_id: int
    category: str
    quantity_min: int
    quantity_max: int
    priority: int
    submitted_at: datetime
    min_ram_gb: int | None = None
    min_storage_gb: int | None = None
    min_grade: str | None = None
    needs_kit: bool = False
    already_received: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.quantity_min <= self.quantity_max:
            raise ValueError(f"need {self.id}: expected 0 <= quantity_min <= quantity_max")
        if not 1 <= self.priority <= 5:
            raise ValueError(f"need {self.id}: priority must be 1 to 5")
        if self.min_grade is not None and self.min_grade not in GRADES:
            raise ValueError(f"need {self.id}: min_grade must be one of {GRADES} or None")
        if self.already_received < 0:
            raise ValueError(f"need {self.id}: already_received cannot be negative")

    @property
    def remaining_min(self) -> int:
        """The minimum still to meet in this wave (0 once earlier waves met it)."""
        return max(0, self.quantity_min - self.already_received)

    @property
    def remaining_max(self) -> int:
        """The most this wave may still give."""
        return max(0, self.quantity_max - self.already_received)

    @property
    def rank_key(self) -> tuple[int, datetime, int]:
        """Order in which needs are considered: priority, then submission date, then id."""
        return (self.priority, self.submitted_at, self.id)


@dataclass(frozen=True)
class Reason:
    """Why a need got what it got, as a code and numbers a report can translate.

    For a served need, allocated = minimum + proportional + remainder + adjustment + filled:
    `proportional` and `remainder` are its largest-remainder share of what was left after the
    minima (spread), `adjustment` what fit added to or took from that share, `filled` what the
    fill policy gave beyond the minimum.
    """

    kind: Kind
    cause: Cause | None = None
    minimum: int = 0
    proportional: int = 0
    remainder: int = 0
    adjustment: int = 0
    filled: int = 0

    @property
    def target(self) -> int:
        """Spread: what the need would get if every device fitted every need."""
        return self.minimum + self.proportional + self.remainder


@dataclass(frozen=True)
class NeedOutcome:
    """What one need receives in this run, and why."""

    need_id: int
    association_id: int
    allocated: int
    remaining_min: int
    remaining_max: int
    reason: Reason

    @property
    def served(self) -> bool:
        """True when the need receives devices in this run."""
        return self.reason.kind is not Kind.NOT_SERVED


@dataclass(frozen=True)
class Summary:
    """Totals of one run, for the coordinator's review."""

    policy: Policy
    limit: int | None
    stock: int
    allocated: int
    left: int
    left_fitting_no_need: int
    needs: int
    needs_served: int
    not_served: Mapping[Cause, int]
    limit_reached: bool


@dataclass(frozen=True, eq=False)
class AllocationResult:
    """The proposed lines (need, device), one outcome per need and the run's summary.

    `need_ids` and `device_ids` are read-only NumPy arrays of equal length, one entry per line;
    a need's lines are contiguous. `outcomes` follow the order in which needs were considered.
    """

    need_ids: np.ndarray
    device_ids: np.ndarray
    outcomes: tuple[NeedOutcome, ...]
    summary: Summary

    def lines(self) -> Iterator[tuple[int, int]]:
        """The lines as (need_id, device_id) pairs."""
        return zip(self.need_ids.tolist(), self.device_ids.tolist(), strict=True)

    def outcome(self, need_id: int) -> NeedOutcome:
        """The outcome of one need."""
        return self._outcome_by_need[need_id]

    def devices_for(self, need_id: int) -> np.ndarray:
        """The ids of the devices proposed for one need."""
        start, stop = self._line_span[need_id]
        return self.device_ids[start:stop]

    @cached_property
    def _outcome_by_need(self) -> dict[int, NeedOutcome]:
        return {outcome.need_id: outcome for outcome in self.outcomes}

    @cached_property
    def _line_span(self) -> dict[int, tuple[int, int]]:
        spans = {outcome.need_id: (0, 0) for outcome in self.outcomes}
        if len(self.need_ids):
            starts = np.flatnonzero(np.r_[True, self.need_ids[1:] != self.need_ids[:-1]])
            stops = np.r_[starts[1:], len(self.need_ids)]
            for need_id, start, stop in zip(
                self.need_ids[starts].tolist(), starts.tolist(), stops.tolist(), strict=True
            ):
                spans[need_id] = (start, stop)
        return spans
