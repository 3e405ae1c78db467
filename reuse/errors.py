"""The domain's errors: every face maps these to its own answer (HTTP status, flash, exit code)."""


class ReuseError(Exception):
    """Base of the errors a person can cause and fix."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ReuseError):
    """The thing asked for does not exist (or is not visible to this user)."""


class DeviceNotFound(NotFound):
    """No device has this code."""


class InvalidCode(ReuseError):
    """A device code that fails its check symbol or format."""


class ValidationFailed(ReuseError):
    """Input that breaks a domain rule; `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]] | str, *, field: str | None = None):
        if isinstance(errors, str):
            errors = {field or "_schema": [errors]}
        self.errors = errors
        message = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items())
        super().__init__(message, field=next(iter(errors), None))


class Conflict(ReuseError):
    """The action clashes with the current state of the data (duplicate, already used)."""


class InvalidTransition(Conflict):
    """A lifecycle change that the device's status or records do not allow."""


class StaleVersion(Conflict):
    """Somebody else changed the record since it was read."""


class PermissionDenied(ReuseError):
    """The user's role does not allow this action."""


class ImportRejected(ReuseError):
    """An import refused as a whole; `errors` lists every (row, column, message)."""

    def __init__(self, errors: list, *, warnings: list[str] | None = None):
        self.errors = errors
        self.warnings = warnings or []
        super().__init__(f"import refused: {len(errors)} error(s)")
