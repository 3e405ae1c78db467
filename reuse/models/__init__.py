"""The domain's tables, one module per aggregate; importing this package maps them all."""

from reuse.models.allocations import Allocation, AllocationLine
from reuse.models.base import Base
from reuse.models.devices import Device, DeviceEvent
from reuse.models.distributions import Distribution, Scan
from reuse.models.enums import (
    AllocationPolicy,
    AllocationStatus,
    Category,
    CollectionStatus,
    DeviceStatus,
    DistributionStatus,
    ErasureMethod,
    ErasureTechnique,
    Grade,
    NeedStatus,
    Outcome,
    Role,
    ScanResult,
    StorageType,
)
from reuse.models.programmes import Association, Need, Programme
from reuse.models.refurbishment import ErasureRecord, PreparationChecklist, TestRecord
from reuse.models.sites import Collection, DonorSite, Warehouse
from reuse.models.users import ApiToken, User

__all__ = [
    "Allocation",
    "AllocationLine",
    "AllocationPolicy",
    "AllocationStatus",
    "ApiToken",
    "Association",
    "Base",
    "Category",
    "Collection",
    "CollectionStatus",
    "Device",
    "DeviceEvent",
    "DeviceStatus",
    "Distribution",
    "DistributionStatus",
    "DonorSite",
    "ErasureMethod",
    "ErasureRecord",
    "ErasureTechnique",
    "Grade",
    "Need",
    "NeedStatus",
    "Outcome",
    "PreparationChecklist",
    "Programme",
    "Role",
    "Scan",
    "ScanResult",
    "StorageType",
    "TestRecord",
    "User",
    "Warehouse",
]
