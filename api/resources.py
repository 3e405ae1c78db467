"""Every resource blueprint of /api/v1, each guarded by the token and permission check."""

from api import auth
from api.me.routes import blp as me
from reuse.extensions import csrf

BLUEPRINTS = [me]

for _blueprint in BLUEPRINTS:
    auth.protect(_blueprint)
    # Bearer tokens are not sent by browsers on their own: no CSRF risk, so no CSRF token.
    csrf.exempt(_blueprint)
