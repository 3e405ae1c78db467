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

    _compiled_dump = None

    def dump(self, obj, *, many: bool | None = None):
        if self._compiled_dump is None:
            self._compiled_dump = compile_dump(self) or False
        if self._compiled_dump is False:
            return super().dump(obj, many=many)
        many = self.many if many is None else bool(many)
        if many and obj is not None:
            return [self._compiled_dump(item) for item in obj]
        return self._compiled_dump(obj)

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
