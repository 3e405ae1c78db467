"""Devices: search, registration, one device with its records, corrections, lifecycle events."""

from contextlib import contextmanager

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from api import API_PREFIX, auth
from api.common import commit, if_match_version
from api.devices import detail
from api.devices.schemas import (
    DeviceCreateSchema,
    DeviceDetailSchema,
    DeviceEventRequestSchema,
    DeviceFieldsSchema,
    DeviceQueryArgsSchema,
    DeviceSchema,
    EventSchema,
)
from api.pagination import QueryPage
from reuse import codes
from reuse.errors import StaleVersion
from reuse.extensions import db
from reuse.models import DeviceEvent
from reuse.services import device_events, devices, intake

blp = Blueprint(
    "devices",
    __name__,
    url_prefix=f"{API_PREFIX}/devices",
    description="Devices, addressed by their code in any accepted form (KXBT-RHNP-R, kxbtrhnpr...)",
)


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "schema": {"type": "string"},
    "description": 'the ETag of the device as you read it, e.g. "3"',
}


def _etag(version: int) -> dict:
    return {"ETag": f'"{version}"'}


#: The ETag header, as the OpenAPI document describes it.
ETAG = {
    "ETag": {
        "description": 'the device\'s version, e.g. "3": send it back as If-Match to change it',
        "schema": {"type": "string"},
    }
}


@contextmanager
def _precondition(device, if_match_sent: bool = True):
    """A change sent with If-Match that finds the device changed, even by a change committed
    between our read and our write, fails its precondition: 412. Without If-Match, a stale
    `version` stays a 409 conflict."""
    code = codes.display(device.code)
    try:
        yield
    except StaleVersion:
        if not if_match_sent:
            raise
        db.session.rollback()
        abort(412, message=f"device {code} changed since your If-Match: reload it and try again")


@blp.route("")
class Devices(MethodView):
    @blp.arguments(DeviceQueryArgsSchema, location="query")
    @blp.response(200, DeviceSchema(many=True))
    @blp.paginate(QueryPage)
    def get(self, filters):
        """Search devices"""
        return devices.search(filters)

    @blp.arguments(DeviceCreateSchema)
    @blp.response(201, DeviceSchema, headers=ETAG)
    def post(self, data):
        """Register a device by hand in a collection"""
        device = intake.register_device(db.session, auth.actor(), **data)
        commit()
        return device, 201, _etag(device.version)


@blp.route("/<code>")
class DeviceByCode(MethodView):
    @blp.response(200, DeviceDetailSchema, headers=ETAG)
    def get(self, code):
        """Get a device with its records and history (ETag: its version)"""
        document, version = detail.device_json(db.session, code)
        response = current_app.response_class(document, mimetype="application/json")
        return response, 200, _etag(version)

    @blp.arguments(DeviceFieldsSchema)
    @blp.response(200, DeviceSchema, headers=ETAG)
    @blp.doc(parameters=[IF_MATCH | {"required": True}])
    @blp.alt_response(412, description="If-Match does not match the device's version")
    @blp.alt_response(428, description="If-Match is missing")
    def patch(self, data, code):
        """Correct descriptive fields; send If-Match with the ETag you read"""
        device = devices.find(db.session, code)
        expected = if_match_version()
        if expected is None:
            abort(
                428,
                message="send If-Match with the device's ETag (from GET): without it, "
                "your change could silently overwrite someone else's",
            )
        if expected != device.version:
            abort(
                412,
                message=f"device {codes.display(device.code)} is at version {device.version}, "
                f"you sent If-Match {expected}: reload it and try again",
            )
        with _precondition(device):
            intake.update_device(db.session, auth.actor(), device, **data)
            commit()
        return device, 200, _etag(device.version)


@blp.route("/<code>/events")
class DeviceEvents(MethodView):
    @blp.response(200, EventSchema(many=True))
    @blp.paginate(QueryPage)
    def get(self, code):
        """A device's history, oldest first"""
        device = devices.find(db.session, code)
        return (
            select(DeviceEvent).where(DeviceEvent.device_id == device.id).order_by(DeviceEvent.id)
        )

    @blp.arguments(DeviceEventRequestSchema)
    @blp.response(201, DeviceSchema, headers=ETAG)
    @blp.doc(parameters=[IF_MATCH])
    @blp.alt_response(412, description="If-Match does not match the device's version")
    @blp.alt_response(409, description="the device's status or records refuse this change")
    def post(self, data, code):
        """Record a change: received, erasure, test, graded, checklist, ready, recycled, returned"""
        device = devices.find(db.session, code)
        kind = data.pop("kind")
        expected = data.pop("version", None)
        header = if_match_version()
        if header is not None:
            expected = header
        with _precondition(device, if_match_sent=header is not None):
            device_events.record(
                db.session, auth.actor(), device, kind, data, expected_version=expected
            )
            commit()
        return device, 201, _etag(device.version)
