"""Every resource blueprint of /api/v1, each guarded by the token and permission check."""

from api import auth
from api.allocations.routes import blp as allocations
from api.associations.routes import blp as associations
from api.collections.routes import blp as collections
from api.common import read_without_transaction, refuse_unread_bodies
from api.devices.routes import blp as devices
from api.me.routes import blp as me
from api.needs.routes import blp as needs
from api.programmes.routes import blp as programmes
from api.sites.routes import donor_sites, warehouses
from reuse.extensions import csrf

BLUEPRINTS = [
    me,
    donor_sites,
    warehouses,
    collections,
    devices,
    programmes,
    associations,
    needs,
    allocations,
]

for _blueprint in BLUEPRINTS:
    _blueprint.before_request(read_without_transaction)
    auth.protect(_blueprint)
    _blueprint.before_request(refuse_unread_bodies)
    # Bearer tokens are not sent by browsers on their own: no CSRF risk, so no CSRF token.
    csrf.exempt(_blueprint)
