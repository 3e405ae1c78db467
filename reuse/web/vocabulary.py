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
