"""Display names of the domain's vocabularies, translated."""

from flask_babel import lazy_gettext as _l

STATUS = {
    "collected": _l("Collected"),
    "received": _l("Received"),
    "refurbishing": _l("Refurbishing"),
    "ready": _l("Ready"),
    "allocated": _l("Allocated"),
    "delivered": _l("Delivered"),
    "recycled": _l("Recycled"),
}

CATEGORY = {
    "desktop": _l("Desktop"),
    "laptop": _l("Laptop"),
    "tablet": _l("Tablet"),
    "smartphone": _l("Smartphone"),
    "monitor": _l("Monitor"),
    "other": _l("Other"),
}

ROLE = {
    "admin": _l("Administrator"),
    "coordinator": _l("Coordinator"),
    "warehouse": _l("Warehouse"),
    "association": _l("Association"),
    "partner": _l("Partner"),
}

GRADE = {
    "A": _l("A (like new)"),
    "B": _l("B (visible wear)"),
    "C": _l("C (heavy wear, works)"),
}

STORAGE_TYPE = {"hdd": _l("HDD"), "ssd": _l("SSD"), "nvme": _l("NVMe"), "emmc": _l("eMMC")}

ERASURE_METHOD = {
    "clear": _l("Clear (overwrite)"),
    "purge": _l("Purge (block or crypto erase)"),
    "destroy": _l("Destroy (physical)"),
    "no-storage": _l("No storage"),
}

ERASURE_TECHNIQUE = {
    "overwrite": _l("Overwrite"),
    "block-erase": _l("Block erase"),
    "crypto-erase": _l("Cryptographic erase"),
}

OUTCOME = {"passed": _l("Passed"), "failed": _l("Failed")}

NEED_STATUS = {
    "submitted": _l("Submitted"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
}

COLLECTION_STATUS = {"open": _l("Receiving devices"), "closed": _l("Closed to new devices")}

#: What each kind of device event means, as the timeline says it.
EVENT = {
    "registered": _l("Registered"),
    "received": _l("Received at a warehouse"),
    "erasure": _l("Data erasure recorded"),
    "test": _l("Functional test recorded"),
    "graded": _l("Graded"),
    "checklist": _l("Preparation checklist updated"),
    "ready": _l("Marked ready"),
    "allocated": _l("Allocated"),
    "unallocated": _l("Allocation cancelled"),
    "delivered": _l("Delivered"),
    "recycled": _l("Recycled"),
    "returned": _l("Returned"),
    "updated": _l("Details corrected"),
    "label_printed": _l("Label printed"),
}

#: Where a device's record came from.
SOURCE = {"manual": _l("typed in the intake form"), "import": _l("imported from a file")}

#: Every vocabulary by the name templates use with `term(name, value)`.
VOCABULARIES = {
    "status": STATUS,
    "category": CATEGORY,
    "role": ROLE,
    "grade": GRADE,
    "storage_type": STORAGE_TYPE,
    "erasure_method": ERASURE_METHOD,
    "erasure_technique": ERASURE_TECHNIQUE,
    "outcome": OUTCOME,
    "need_status": NEED_STATUS,
    "collection_status": COLLECTION_STATUS,
    "event": EVENT,
    "source": SOURCE,
}


def term(vocabulary: str, member) -> str:
    """The display name of a member (enum or value) of a vocabulary; the value if unknown."""
    value = getattr(member, "value", member)
    if value is None:
        return ""
    return VOCABULARIES[vocabulary].get(value, value)


def choices(vocabulary: str, *, blank=None) -> list[tuple[str, str]]:
    """(value, label) pairs for a select field, with an optional first blank choice."""
    pairs = list(VOCABULARIES[vocabulary].items())
    return ([("", blank)] if blank is not None else []) + pairs
