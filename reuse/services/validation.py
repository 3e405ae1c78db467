"""Collecting every field error of one action before refusing it."""

import enum
from decimal import Decimal
from typing import Any

from reuse.errors import ValidationFailed


class Checker:
    """Gathers field errors so the person sees them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def required(self, field: str, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, "this field is required")
            return None
        return value.strip() if isinstance(value, str) else value

    def choice(self, field: str, value: Any, choices: type[enum.Enum], *, required=False):
        """The enum member for `value`, or None after noting the error."""
        if value is None or value == "":
            if required:
                self.add(field, "this field is required")
            return None
        raw = value.strip() if isinstance(value, str) else value
        for candidate in (raw, str(raw).lower(), str(raw).upper()):
            try:
                return choices(candidate)
            except ValueError:
                continue
        allowed = ", ".join(str(m.value) for m in choices)
        self.add(field, f"'{value}' is not one of: {allowed}")
        return None

    def non_negative(self, field: str, value: Any, *, maximum: float | None = None) -> Any:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.add(field, f"'{value}' is not a number")
            return None
        if value < 0:
            self.add(field, "must not be negative")
        elif maximum is not None and value > maximum:
            self.add(field, f"must be at most {maximum}")
        return value

    def between(self, field: str, value: Any, low: float, high: float) -> Any:
        """`value` if it lies within [low, high], after noting the error otherwise."""
        if value is None:
            return None
        if value < low:
            self.add(field, f"must be at least {low:g}")
        elif value > high:
            self.add(field, f"must be at most {high:g}")
        return value

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)
