"""The domain's closed vocabularies, stored by value."""

import enum


class Category(enum.StrEnum):
    DESKTOP = "desktop"
    LAPTOP = "laptop"
    TABLET = "tablet"
    SMARTPHONE = "smartphone"
    MONITOR = "monitor"
    OTHER = "other"


class Grade(enum.StrEnum):
    """A is best; a device that does not work is recycled, not graded."""

    A = "A"
    B = "B"
    C = "C"


class StorageType(enum.StrEnum):
    HDD = "hdd"
    SSD = "ssd"
    NVME = "nvme"
    EMMC = "emmc"


class DeviceStatus(enum.StrEnum):
    COLLECTED = "collected"
    RECEIVED = "received"
    REFURBISHING = "refurbishing"
    READY = "ready"
    ALLOCATED = "allocated"
    DELIVERED = "delivered"
    RECYCLED = "recycled"


class ErasureMethod(enum.StrEnum):
    """NIST SP 800-88 sanitisation methods, plus devices that hold no storage."""

    CLEAR = "clear"
    PURGE = "purge"
    DESTROY = "destroy"
    NO_STORAGE = "no-storage"


class ErasureTechnique(enum.StrEnum):
    OVERWRITE = "overwrite"
    BLOCK_ERASE = "block-erase"
    CRYPTO_ERASE = "crypto-erase"


class Outcome(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class CollectionStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class NeedStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class AllocationStatus(enum.StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class AllocationPolicy(enum.StrEnum):
    SPREAD = "spread"
    FILL = "fill"


class DistributionStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ScanResult(enum.StrEnum):
    DELIVERED = "delivered"
    ALREADY_DELIVERED = "already_delivered"
    OTHER_ASSOCIATION = "other_association"
    NOT_ALLOCATED = "not_allocated"
    NOT_READY = "not_ready"
    UNKNOWN = "unknown"
    INVALID_CODE = "invalid_code"


class Role(enum.StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    WAREHOUSE = "warehouse"
    ASSOCIATION = "association"
    PARTNER = "partner"
