"""Who may do what (DESIGN section 11): one table, one check, called by every face."""

from reuse.errors import PermissionDenied
from reuse.models.enums import Role

#: Actions each role may take. Association users are further limited to their own association
#: by the services that load its data.
PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.ADMIN: frozenset({"*"}),
    Role.COORDINATOR: frozenset(
        {
            "associations.read",
            "associations.names",
            "associations.write",
            "programmes.read",
            "programmes.write",
            "needs.read",
            "needs.write",
            "needs.review",
            "allocations.read",
            "allocations.write",
            "distributions.read",
            "distributions.write",
            "reports.read",
            "devices.read",
            "collections.read",
            "sites.read",
        }
    ),
    Role.WAREHOUSE: frozenset(
        {
            "sites.read",
            "sites.write",
            "collections.read",
            "collections.write",
            "devices.read",
            "devices.write",
            "devices.import",
            "labels.print",
            "distributions.read",
            "distributions.write",
            "scans.write",
            "associations.names",
        }
    ),
    Role.ASSOCIATION: frozenset(
        {
            "needs.read",
            "needs.write",
            "allocations.read",
            "distributions.read",
            "reports.read",
            "programmes.read",
            "associations.read",
        }
    ),
    Role.PARTNER: frozenset({"reports.aggregate", "programmes.read"}),
}


def allows(role: Role | str, action: str) -> bool:
    """Whether `role` may take `action`."""
    granted = PERMISSIONS.get(Role(role), frozenset())
    return "*" in granted or action in granted


def require(actor, action: str) -> None:
    """Raise PermissionDenied unless the actor's role allows the action."""
    if not allows(actor.role, action):
        raise PermissionDenied(f"the {Role(actor.role).value} role may not do '{action}'")
