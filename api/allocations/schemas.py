"""Schemas of allocation runs: the run's parameters, and a draft or decision as reviewed."""

import marshmallow as ma

from api.fields import MAX_ID, Id
from api.schema import Schema
from reuse.models import AllocationPolicy, AllocationStatus
from reuse.services.allocations import MAX_LIMIT


class AllocationRunSchema(Schema):
    wave = ma.fields.String(
        required=True,
        validate=ma.validate.Length(1, 80),
        metadata={"description": "the wave's name, once per programme, e.g. 'Vague 1'"},
    )
    limit = ma.fields.Integer(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(0, MAX_LIMIT),
        metadata={"description": "most devices this wave may give; none: the whole stock"},
    )
    policy = ma.fields.Enum(
        AllocationPolicy,
        by_value=True,
        load_default=AllocationPolicy.SPREAD,
        metadata={
            "description": "spread: every need its minimum first, the rest in proportion; "
            "fill: each need up to its maximum in turn"
        },
    )


class DecisionSchema(Schema):
    version = ma.fields.Integer(
        validate=ma.validate.Range(1, MAX_ID),
        metadata={"description": "the version you reviewed; refused with 409 if it moved"},
    )


class AllocationQueryArgsSchema(Schema):
    lines = ma.fields.Boolean(
        load_default=True, metadata={"description": "list every device line (default true)"}
    )


class ReasonSchema(Schema):
    kind = ma.fields.String(
        metadata={"description": "minimum, proportional_share, remainder, filled or not_served"}
    )
    cause = ma.fields.String(
        allow_none=True,
        metadata={
            "description": "why a need got nothing: priority, stock, fit, limit or "
            "already_satisfied"
        },
    )
    minimum = ma.fields.Integer()
    proportional = ma.fields.Integer()
    remainder = ma.fields.Integer()
    adjustment = ma.fields.Integer(
        metadata={"description": "what fit added to (or took from) the proportional share"}
    )
    filled = ma.fields.Integer(metadata={"description": "fill policy: given beyond the minimum"})
    text = ma.fields.String(metadata={"description": "the reason in English sentences"})


class NeedOutcomeSchema(Schema):
    need_id = ma.fields.Integer()
    association_id = ma.fields.Integer()
    association_name = ma.fields.String()
    category = ma.fields.String()
    quantity_min = ma.fields.Integer()
    quantity_max = ma.fields.Integer()
    priority = ma.fields.Integer()
    earlier = ma.fields.Integer(metadata={"description": "kept from earlier waves"})
    remaining_min = ma.fields.Integer()
    remaining_max = ma.fields.Integer()
    fitting = ma.fields.Integer(metadata={"description": "ready devices that fit it"})
    allocated = ma.fields.Integer(metadata={"description": "given by this allocation"})
    reason = ma.fields.Nested(ReasonSchema)


class LineSchema(Schema):
    need_id = ma.fields.Integer()
    device_code = ma.fields.String()


class EarlierWaveSchema(Schema):
    id = ma.fields.Integer()
    wave = ma.fields.String()
    decided_at = ma.fields.DateTime(allow_none=True)
    devices = ma.fields.Integer()


class TotalsSchema(Schema):
    stock = ma.fields.Integer(metadata={"description": "ready devices when the run was made"})
    allocated = ma.fields.Integer()
    left = ma.fields.Integer()
    left_fitting_no_need = ma.fields.Integer()
    needs = ma.fields.Integer()
    needs_served = ma.fields.Integer()
    not_served = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())
    limit_reached = ma.fields.Boolean()


class AllocationHeaderSchema(Schema):
    id = ma.fields.Integer()
    programme_id = Id()
    wave = ma.fields.String()
    limit = ma.fields.Integer(allow_none=True)
    policy = ma.fields.Enum(AllocationPolicy, by_value=True)
    status = ma.fields.Enum(AllocationStatus, by_value=True)
    version = ma.fields.Integer()
    created_at = ma.fields.DateTime()
    decided_at = ma.fields.DateTime(allow_none=True)
    devices = ma.fields.Integer(metadata={"description": "devices it gives (yours only)"})


class AllocationSchema(AllocationHeaderSchema):
    totals = ma.fields.Nested(TotalsSchema, allow_none=True)
    stale = ma.fields.String(
        allow_none=True,
        metadata={"description": "why this draft can no longer be confirmed as it stands"},
    )
    earlier_waves = ma.fields.List(ma.fields.Nested(EarlierWaveSchema))
    needs = ma.fields.List(ma.fields.Nested(NeedOutcomeSchema))
    lines = ma.fields.List(ma.fields.Nested(LineSchema), allow_none=True)
