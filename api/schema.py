"""The base of every API schema."""

import marshmallow as ma


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class Schema(ma.Schema):
    """A marshmallow schema that refuses NUL characters, which no database text can hold."""

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
