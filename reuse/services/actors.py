"""Who is acting: every write is attributed to a user, or to the shell user of a command."""

import getpass
from dataclasses import dataclass

from reuse.models.enums import Role


@dataclass(frozen=True)
class Actor:
    """The person behind an action, as services need them."""

    name: str
    role: Role
    user_id: int | None = None
    association_id: int | None = None

    @classmethod
    def of(cls, user) -> "Actor":
        """The actor for a signed-in user."""
        return cls(user.email, Role(user.role), user.id, user.association_id)

    @classmethod
    def command_line(cls) -> "Actor":
        """Whoever runs a flask command: they hold the server's shell, so they act as admin."""
        try:
            login = getpass.getuser()
        except OSError:
            login = "unknown"
        return cls(f"cli:{login}", Role.ADMIN)
