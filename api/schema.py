"""The base of every API schema."""

import marshmallow as ma

from api.dumping import compile_dump


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class Schema(ma.Schema):
    """A marshmallow schema that refuses NUL characters, which no database text can hold, and
    dumps through a function compiled from its fields on first use (api.dumping)."""

    _compiled = None  # (the dump_fields it was compiled from, the function or None)

    def dump(self, obj, *, many: bool | None = None):
        # Compiled again if the fields changed (a copy given `only` or `exclude`, say).
        if self._compiled is None or self._compiled[0] is not self.dump_fields:
            self._compiled = (self.dump_fields, compile_dump(self))
        compiled = self._compiled[1]
        if compiled is None:
            return super().dump(obj, many=many)
        many = self.many if many is None else bool(many)
        if many and obj is not None:
            return [compiled(item) for item in obj]
        return compiled(obj)

    @ma.pre_load
    def refuse_nul_characters(self, data, **kwargs):
        if hasattr(data, "items"):
            errors = {
                name: ["must not contain NUL characters"]
                for name, value in data.items()
                if _has_nul(value)
            }
            if errors:
                raise ma.ValidationError(errors)
        return data
