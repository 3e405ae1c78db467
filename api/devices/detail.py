"""A device with its records and history as GET /api/v1/devices/{code} sends it: the JSON of
DeviceDetailSchema, written by the database in one statement (api.sql_dumping)."""

import json

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from api.devices.schemas import DeviceDetailSchema
from api.sql_dumping import Children, as_text, json_object
from reuse import codes
from reuse.errors import DeviceNotFound
from reuse.models import (
    Device,
    DeviceEvent,
    ErasureRecord,
    PreparationChecklist,
    TestRecord,
)
from reuse.services import lifecycle


def device_json(session: Session, raw_code: str) -> tuple[str, int]:
    """The device's JSON and its version, for the device whose code is in `raw_code` (any
    accepted form).

    :raises InvalidCode: the input holds no valid code (nothing is looked up).
    :raises DeviceNotFound: the code is valid but no device has it.
    """
    code = codes.normalise(raw_code)
    connection = session.connection()
    row = connection.execute(_STATEMENTS[connection.dialect.name], {"code": code}).one_or_none()
    if row is None:
        raise DeviceNotFound(f"no device has the code {codes.display(code)}", field="code")
    # The one field the readiness rule, in Python, fills: added at the object's end.
    problems = json.dumps(lifecycle.row_readiness(row))
    document = row.document[:-1] + ', "readiness_problems" : ' + problems + "}"
    return document, row.version


def _statement(dialect: str) -> Select:
    devices = Device.__table__
    document = json_object(
        DeviceDetailSchema(),
        devices,
        dialect,
        children={
            "erasure_records": Children(ErasureRecord.__table__, "device_id"),
            "test_records": Children(TestRecord.__table__, "device_id"),
            "checklist": Children(PreparationChecklist.__table__, "device_id"),
            "events": Children(DeviceEvent.__table__, "device_id"),
        },
        computed={"display_code": codes.display_sql(devices.c.code)},
        omit=("readiness_problems",),
    )
    return select(
        as_text(document, dialect).label("document"),
        devices.c.version,
        *lifecycle.readiness_columns(devices),
    ).where(devices.c.code == bindparam("code"))


# Built as the app loads: a schema change json_object refuses stops the start, not each request.
_STATEMENTS = {dialect: _statement(dialect) for dialect in ("sqlite", "postgresql")}
