"""The services' messages (English, for every face) in the language of the page.

A message is matched whole against the patterns below; its variable parts are kept, and the
parts that are themselves messages (a reason after "cannot be ready:") are translated in turn.
A message no pattern knows is shown as the service wrote it.
"""

import re

from flask_babel import gettext


def _l(msgid: str) -> str:
    """Mark `msgid` for the catalogue; it is translated when a message is shown."""
    return msgid


#: (pattern, msgid, groups that are messages themselves)
_PATTERNS: list[tuple[re.Pattern, str, tuple[str, ...]]] = []


def _known(pattern: str, message: str, nested: tuple[str, ...] = ()) -> None:
    _PATTERNS.append((re.compile(pattern, re.DOTALL), message, nested))


# Checks shared by every form (reuse.services.validation).
_known(r"this field is required", _l("this field is required"))
_known(
    r"'(?P<value>.*)' is not one of: (?P<allowed>.*)", _l("'%(value)s' is not one of: %(allowed)s")
)
_known(r"'(?P<value>.*)' is not a number", _l("'%(value)s' is not a number"))
_known(r"'(?P<value>.*)' is not a whole number", _l("'%(value)s' is not a whole number"))
_known(r"must not be negative", _l("must not be negative"))
_known(r"must be at most (?P<maximum>\S+)", _l("must be at most %(maximum)s"))
_known(r"must be at least (?P<minimum>\S+)", _l("must be at least %(minimum)s"))
_known(r"unknown field", _l("unknown field"))
_known(r"no (?P<thing>[a-z ]+) with id (?P<ident>\S+)", _l("no %(thing)s with id %(ident)s"))
_known(
    r"the (?P<role>\w+) role may not do '(?P<action>[^']+)'",
    _l("the %(role)s role may not do '%(action)s'"),
)
# Lifecycle (reuse.services.lifecycle).
_known(
    r"device (?P<code>\S+) cannot be (?P<kind>\w+): (?P<reason>.*)",
    _l("device %(code)s cannot be %(kind)s: %(reason)s"),
    ("reason", "kind"),
)
_known(
    r"cannot record (?P<kind>\w+) on device (?P<code>\S+): (?P<reason>.*)",
    _l("cannot record %(kind)s on device %(code)s: %(reason)s"),
    ("reason", "kind"),
)
_known(
    r"device (?P<code>\S+) was changed by someone else \(version (?P<now>\d+), you had "
    r"(?P<had>\d+)\): reload it and try again",
    _l(
        "device %(code)s was changed by someone else (version %(now)s, you had %(had)s): "
        "reload the page and try again"
    ),
)
_known(
    r"this (?P<what>.+) was changed by someone else meanwhile: reload it and try again",
    _l("this record was changed by someone else meanwhile: reload the page and try again"),
)
_known(
    r"no passed data erasure is recorded \(or method no-storage\)",
    _l("no passed data erasure is recorded (or method no-storage)"),
)
_known(r"no functional test is recorded", _l("no functional test is recorded"))
_known(r"its latest functional test failed", _l("its latest functional test failed"))
_known(r"it has no grade", _l("it has no grade"))
_known(
    r"its kit is incomplete: (?P<missing>.*) not recorded",
    _l("its kit is incomplete: %(missing)s not recorded"),
)
_known(
    r"it has not been received at a warehouse yet",
    _l("it has not been received at a warehouse yet"),
)
_known(r"its refurbishment has not started", _l("its refurbishment has not started"))
_known(r"it is still being refurbished", _l("it is still being refurbished"))
_known(r"it is ready and not yet allocated", _l("it is ready and not yet allocated"))
_known(r"it is allocated to an association", _l("it is allocated to an association"))
_known(r"it has been delivered", _l("it has been delivered"))
_known(r"it has been recycled", _l("it has been recycled"))
_known(
    r"a warehouse is required to receive a device",
    _l("a warehouse is required to receive a device"),
)
_known(r"a reason is required to recycle a device", _l("a reason is required to recycle a device"))
_known(r"say why the device cannot be reused", _l("say why the device cannot be reused"))
_known(r"say how the drive was cleared or purged", _l("say how the drive was cleared or purged"))
_known(r"the erasure cannot end before it started", _l("the erasure cannot end before it started"))
# Intake.
_known(
    r"serial (?P<serial>\S+) is already registered \(device (?P<code>\S+)\)",
    _l("serial %(serial)s is already registered (device %(code)s)"),
)
_known(
    r"asset tag (?P<tag>\S+) of (?P<organisation>.+) is already registered "
    r"\(device (?P<code>\S+)\)",
    _l("asset tag %(tag)s of %(organisation)s is already registered (device %(code)s)"),
)
_known(
    r"a collection with reference '(?P<reference>.*)' already exists",
    _l("a collection with reference '%(reference)s' already exists"),
)
_known(
    r"(?P<organisation>.+) already has a site named '(?P<name>.*)'",
    _l("%(organisation)s already has a site named '%(name)s'"),
)
_known(
    r"a warehouse named '(?P<name>.*)' already exists",
    _l("a warehouse named '%(name)s' already exists"),
)
_known(
    r"unknown category '(?P<value>.*)'; expected one of: (?P<allowed>.*)",
    _l("unknown category '%(value)s'; expected one of: %(allowed)s"),
)
_known(
    r"cannot read RAM '(?P<value>.*)'; expected a size such as '8 Go' or '8192 Mo'",
    _l("cannot read RAM '%(value)s'; expected a size such as '8 Go' or '8192 Mo'"),
)
_known(
    r"cannot read storage '(?P<value>.*)'; expected a size such as '256 Go', '1 To' or "
    r"'SSD 512 Go'",
    _l("cannot read storage '%(value)s'; expected a size such as '256 Go', '1 To' or 'SSD 512 Go'"),
)
# Import of an asset list.
_known(
    r"category is empty; expected one of: (?P<allowed>.*)",
    _l("category is empty; expected one of: %(allowed)s"),
)
_known(
    r"the row has neither a serial number nor an asset tag",
    _l("the row has neither a serial number nor an asset tag"),
)
_known(
    r"serial number '(?P<serial>.*)'(?P<of>.*) is already on row (?P<row>\d+)",
    _l("serial number '%(serial)s'%(of)s is already on row %(row)s"),
)
_known(
    r"asset tag '(?P<tag>.*)' is already on row (?P<row>\d+)",
    _l("asset tag '%(tag)s' is already on row %(row)s"),
)
_known(
    r"serial (?P<serial>\S+) \((?P<manufacturer>.*)\) is already registered "
    r"as device (?P<code>\S+)",
    _l("serial %(serial)s (%(manufacturer)s) is already registered as device %(code)s"),
)
_known(
    r"asset tag (?P<tag>\S+) of (?P<organisation>.+) is already registered as device (?P<code>\S+)",
    _l("asset tag %(tag)s of %(organisation)s is already registered as device %(code)s"),
)
_known(
    r"missing required column '(?P<column>.*)'; name it one of: (?P<accepted>.*)",
    _l("missing required column '%(column)s'; name it one of: %(accepted)s"),
)
_known(r"the file is empty: no cell holds text", _l("the file is empty: no cell holds text"))
_known(
    r"the file has no data rows below the header", _l("the file has no data rows below the header")
)
_known(r"columns ignored: (?P<columns>.*)", _l("columns ignored: %(columns)s"))
_known(
    r"this is not the file that was checked: check it again before importing",
    _l("this is not the file that was checked: check it again before importing"),
)
# Associations, programmes and needs.
_known(
    r"give the RNA number or SIRET, or say why there is none \(e\.g\. an Alsace-Moselle "
    r"association\)",
    _l(
        "give the RNA number or SIRET, or say why there is none "
        "(e.g. an Alsace-Moselle association)"
    ),
)
_known(
    r"'(?P<value>.*)' is not an RNA number: W followed by 9 digits",
    _l("'%(value)s' is not an RNA number: W followed by 9 digits"),
)
_known(
    r"'(?P<value>.*)' is neither an RNA number \(W \+ 9 digits\) nor a SIRET \(14 digits\)",
    _l("'%(value)s' is neither an RNA number (W + 9 digits) nor a SIRET (14 digits)"),
)
_known(
    r"'(?P<value>.*)' is not a valid SIRET: (?P<why>.*)",
    _l("'%(value)s' is not a valid SIRET: %(why)s"),
)
_known(
    r"legal id (?P<legal_id>\S+) is already registered(?P<holder>.*)",
    _l("legal id %(legal_id)s is already registered%(holder)s"),
)
_known(
    r"'(?P<value>.*)' is not a French postcode \(5 digits\)",
    _l("'%(value)s' is not a French postcode (5 digits)"),
)
_known(r"'(?P<value>.*)' is not an email address", _l("'%(value)s' is not an email address"))
_known(
    r"a programme named '(?P<name>.*)' already exists",
    _l("a programme named '%(name)s' already exists"),
)
_known(
    r"the programme cannot end before it starts", _l("the programme cannot end before it starts")
)
_known(r"say why the need is rejected", _l("say why the need is rejected"))
_known(
    r"need (?P<need>\d+) was already (?P<status>\w+): only a submitted need is reviewed",
    _l("need %(need)s was already %(status)s: only a submitted need is reviewed"),
)
_known(r"the maximum cannot be below the minimum", _l("the maximum cannot be below the minimum"))
_known(r"ask for at least one device", _l("ask for at least one device"))
_known(r"priority runs from 1 \(most urgent\) to 5", _l("priority runs from 1 (most urgent) to 5"))
_known(r"association '(?P<name>.*)' is inactive", _l("association '%(name)s' is inactive"))
_known(
    r"an association submits needs for itself only",
    _l("an association submits needs for itself only"),
)
_known(
    r"an association's user sees its own (?P<what>association|needs) only",
    _l("an association's user sees only what is its own"),
)
# Users.
_known(
    r"an association's user needs its association",
    _l("an association's user needs its association"),
)
_known(
    r"only an association's user belongs to an association",
    _l("only an association's user belongs to an association"),
)
_known(r"use at least (?P<count>\d+) characters", _l("use at least %(count)s characters"))
_known(
    r"a user with email (?P<email>\S+) already exists",
    _l("a user with email %(email)s already exists"),
)
_known(
    r"you cannot take the admin role away from yourself",
    _l("you cannot take the admin role away from yourself"),
)
_known(r"you cannot deactivate your own account", _l("you cannot deactivate your own account"))
_known(r"at least one active admin must remain", _l("at least one active admin must remain"))
# Bulk moves of the queue.
_known(r"select at least one device", _l("select at least one device"))
_known(r"choose the warehouse that received them", _l("choose the warehouse that received them"))
_known(
    r"(?P<count>\d+) selected device\(s\) no longer exist",
    _l("%(count)s selected device(s) no longer exist"),
)

#: Lifecycle words that appear inside messages ("cannot be ready").
_KINDS = {
    "received": _l("received"),
    "ready": _l("marked ready"),
    "recycled": _l("recycled"),
    "returned": _l("returned"),
    "allocated": _l("allocated"),
    "delivered": _l("delivered"),
    "erasure": _l("an erasure"),
    "test": _l("a test"),
    "graded": _l("a grade"),
    "checklist": _l("the checklist"),
}


def translate(message: str) -> str:
    """`message` in the page's language, as far as the patterns know it."""
    for pattern, translation, nested in _PATTERNS:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        values = match.groupdict()
        for name in nested:
            if name == "kind":
                kind = _KINDS.get(values[name])
                values[name] = gettext(kind) if kind else values[name]
            else:
                values[name] = translate(values[name])
        return gettext(translation, **values)
    if "; " in message:
        return "; ".join(translate(part) for part in message.split("; "))
    return message
