"""Allocation runs: draft a wave for a programme, review it, confirm or cancel it."""

from flask.views import MethodView

from api import API_PREFIX, auth
from api.allocations.schemas import (
    AllocationHeaderSchema,
    AllocationQueryArgsSchema,
    AllocationRunSchema,
    AllocationSchema,
    DecisionSchema,
)
from api.common import commit
from api.smorest import Blueprint
from reuse import codes
from reuse.extensions import db
from reuse.services import allocations
from reuse.services.allocation_reasons import explain

blp = Blueprint(
    "allocations",
    __name__,
    url_prefix=API_PREFIX,
    description="Allocation by need: a draft per wave, reviewed, then confirmed or cancelled",
)


def _header(allocation, devices: int) -> dict:
    return {
        "id": allocation.id,
        "programme_id": allocation.programme_id,
        "wave": allocation.wave,
        "limit": allocation.device_limit,
        "policy": allocation.policy,
        "status": allocation.status,
        "version": allocation.version,
        "created_at": allocation.created_at,
        "decided_at": allocation.decided_at,
        "devices": devices,
    }


def _document(review: allocations.Review) -> tuple[dict, dict]:
    """The response for one allocation: its needs with their reasons, and its lines."""
    names = {group.association_id: group.name for group in review.associations}
    needs = [
        {
            **need,
            "association_name": names[need["association_id"]],
            "reason": {**need["reason"], "text": explain(need, review.run)},
        }
        for need in review.needs
    ]
    body = {
        **_header(review.allocation, review.devices),
        "totals": review.totals,
        "stale": review.stale,
        "earlier_waves": review.earlier_waves,
        "needs": needs,
        "lines": None
        if review.lines is None
        else [
            {"need_id": need_id, "device_code": codes.display(code)}
            for need_id, code in review.lines
        ],
    }
    return body, {"ETag": f'"{review.allocation.version}"'}


@blp.route("/programmes/<id:programme_id>/allocations")
class ProgrammeAllocations(MethodView):
    @blp.response(200, AllocationHeaderSchema(many=True))
    def get(self, programme_id):
        """A programme's allocations, newest first"""
        listing = allocations.list_allocations(db.session, auth.actor(), programme_id)
        return [_header(row.allocation, row.devices) for row in listing]

    @blp.arguments(AllocationRunSchema)
    @blp.response(201, AllocationSchema)
    @blp.alt_response(409, description="this wave's name was already confirmed")
    def post(self, data, programme_id):
        """Run a draft allocation of the ready stock to the approved needs (reserves nothing)"""
        actor = auth.actor()
        draft = allocations.run_draft(
            db.session,
            actor,
            programme_id,
            data["wave"],
            limit=data["limit"],
            policy=data["policy"].value,
        )
        commit()
        body, headers = _document(allocations.review(db.session, actor, draft.id, with_lines=True))
        return body, 201, headers


@blp.route("/allocations/<id:allocation_id>")
class AllocationById(MethodView):
    @blp.arguments(AllocationQueryArgsSchema, location="query")
    @blp.response(200, AllocationSchema)
    def get(self, args, allocation_id):
        """An allocation per need, with the reasons (an association's user: its own needs)"""
        review = allocations.review(
            db.session, auth.actor(), allocation_id, with_lines=args["lines"]
        )
        body, headers = _document(review)
        return body, 200, headers


@blp.route("/allocations/<id:allocation_id>/confirm")
class AllocationConfirm(MethodView):
    @blp.arguments(DecisionSchema)
    @blp.response(200, AllocationSchema)
    @blp.alt_response(
        409,
        description="a device is no longer ready, or the programme's waves changed: "
        "nothing was confirmed",
    )
    def post(self, data, allocation_id):
        """Confirm a draft: its devices become allocated, or nothing changes"""
        actor = auth.actor()
        allocations.confirm(db.session, actor, allocation_id, data.get("version"))
        commit()
        body, headers = _document(allocations.review(db.session, actor, allocation_id))
        return body, 200, headers


@blp.route("/allocations/<id:allocation_id>/cancel")
class AllocationCancel(MethodView):
    @blp.arguments(DecisionSchema)
    @blp.response(200, AllocationSchema)
    @blp.alt_response(409, description="a device of this allocation was already delivered")
    def post(self, data, allocation_id):
        """Cancel a draft, or a confirmed allocation before any delivery (devices back to ready)"""
        actor = auth.actor()
        allocations.cancel(db.session, actor, allocation_id, data.get("version"))
        commit()
        body, headers = _document(allocations.review(db.session, actor, allocation_id))
        return body, 200, headers
