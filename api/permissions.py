"""Which permission (reuse.permissions) each API endpoint and method needs: one table.

A test walks the app's URL map: an endpoint missing here fails it, and is refused at run time.
"""

PUBLIC = "public"
AUTHENTICATED = "authenticated"

#: endpoint -> {HTTP method: permission, PUBLIC or AUTHENTICATED}
ENDPOINTS: dict[str, dict[str, str]] = {
    "api-docs.openapi_json": {"GET": PUBLIC},
    "api-docs.openapi_swagger_ui": {"GET": PUBLIC},
    "api_assets.static": {"GET": PUBLIC},
    "api_assets.health": {"GET": PUBLIC},
    "me.Me": {"GET": AUTHENTICATED},
    "donor_sites.DonorSites": {"GET": "sites.read", "POST": "sites.write"},
    "donor_sites.DonorSiteById": {
        "GET": "sites.read",
        "PATCH": "sites.write",
        "DELETE": "sites.write",
    },
    "warehouses.Warehouses": {"GET": "sites.read", "POST": "sites.write"},
    "warehouses.WarehouseById": {
        "GET": "sites.read",
        "PATCH": "sites.write",
        "DELETE": "sites.write",
    },
    "collections.Collections": {"GET": "collections.read", "POST": "collections.write"},
    "collections.CollectionById": {
        "GET": "collections.read",
        "PATCH": "collections.write",
        "DELETE": "collections.write",
    },
    "collections.CollectionImport": {"POST": "devices.import"},
    "devices.Devices": {"GET": "devices.read", "POST": "devices.write"},
    "devices.DeviceByCode": {"GET": "devices.read", "PATCH": "devices.write"},
    "devices.DeviceEvents": {"GET": "devices.read", "POST": "devices.write"},
    "programmes.Programmes": {"GET": "programmes.read", "POST": "programmes.write"},
    "programmes.ProgrammeById": {"GET": "programmes.read", "PATCH": "programmes.write"},
    "associations.Associations": {"GET": "associations.read", "POST": "associations.write"},
    "associations.AssociationById": {"GET": "associations.read", "PATCH": "associations.write"},
    "associations.AssociationNames": {"GET": "associations.names"},
    "needs.Needs": {"GET": "needs.read", "POST": "needs.write"},
    "needs.NeedById": {"GET": "needs.read"},
    "needs.NeedApprove": {"POST": "needs.review"},
    "needs.NeedReject": {"POST": "needs.review"},
    "allocations.ProgrammeAllocations": {"GET": "allocations.read", "POST": "allocations.write"},
    "allocations.AllocationById": {"GET": "allocations.read"},
    "allocations.AllocationConfirm": {"POST": "allocations.write"},
    "allocations.AllocationCancel": {"POST": "allocations.write"},
}


def rule_for(endpoint: str | None, method: str) -> str | None:
    """The permission an endpoint needs for a method; None when the table has no rule."""
    methods = ENDPOINTS.get(endpoint or "", {})
    if method in ("HEAD", "OPTIONS"):
        method = "GET"
    return methods.get(method)
