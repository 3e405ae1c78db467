"""Allocation by need: pure code that proposes which ready device goes to which need."""

from reuse.allocation.engine import allocate
from reuse.allocation.fit import fit_matrix, fits
from reuse.allocation.model import (
    GRADES,
    AllocationResult,
    Cause,
    DeviceClass,
    Kind,
    Need,
    NeedOutcome,
    Policy,
    Reason,
    Summary,
)

__all__ = [
    "GRADES",
    "AllocationResult",
    "Cause",
    "DeviceClass",
    "Kind",
    "Need",
    "NeedOutcome",
    "Policy",
    "Reason",
    "Summary",
    "allocate",
    "fit_matrix",
    "fits",
]
