"""Data the browser scenarios start from, written through the models as a fresh install has it."""

from reuse.models import Role, User
from tests.browser.conftest import FAST_HASH
from tests.builders import make_association, make_site, make_warehouse


def user(session, email: str, role: str, association_id: int | None = None) -> int:
    """A user who signs in with tests.browser.conftest.PASSWORD."""
    account = User(
        email=email,
        name=email.split("@")[0].title(),
        role=Role(role),
        association_id=association_id,
        password_hash=FAST_HASH,
    )
    session.add(account)
    session.flush()
    return account.id


def warehouse_world(session) -> dict:
    """A donor site, a warehouse and a warehouse user."""
    site = make_site(session, organisation="Telco", name="Lyon Part-Dieu", city="Lyon")
    warehouse = make_warehouse(session, name="Atelier de Vénissieux", city="Vénissieux")
    user(session, "nadia@example.org", "warehouse")
    return {"site": site.id, "warehouse": warehouse.id}


def two_associations(session) -> dict:
    """Two associations and a user of the first."""
    own = make_association(session, name="Les Bricodeurs", city="Lyon")
    other = make_association(session, name="Emmaüs Connect Lyon", city="Lyon")
    user(session, "asso@example.org", "association", own.id)
    return {"own": own.id, "other": other.id}
