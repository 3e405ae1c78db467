"""Read-only views of associations, programmes, needs and users, scoped to who is asking.

An association's user sees its own association and needs only: that rule lives here, so every
page that shows an association or a need goes through it.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from reuse.errors import NotFound, PermissionDenied
from reuse.models import Association, Category, Need, NeedStatus, Programme, Role, User
from reuse.services.actors import Actor
from reuse.services.listings import PAGE_SIZE, Page, escape_like


def _own_only(actor: Actor) -> bool:
    return Role(actor.role) == Role.ASSOCIATION


def visible_association(session: Session, actor: Actor, association_id: int) -> Association:
    """The association, if this actor may see it.

    :raises PermissionDenied: an association's user asks for another association.
    """
    if _own_only(actor) and actor.association_id != association_id:
        raise PermissionDenied("an association's user sees its own association only")
    association = session.get(Association, association_id)
    if association is None:
        raise NotFound(f"no association with id {association_id}", field="association_id")
    return association


def association_page(
    session: Session,
    actor: Actor,
    text: str | None = None,
    *,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> Page:
    """Associations by name, searched by name, city, postcode or legal id."""
    where = []
    if _own_only(actor):
        where.append(Association.id == actor.association_id)
    if text and text.strip():
        pattern = f"%{escape_like(text.strip())}%"
        where.append(
            sa.or_(
                Association.name.ilike(pattern, "\\"),
                Association.city.ilike(pattern, "\\"),
                Association.postcode.like(pattern, "\\"),
                Association.legal_id.ilike(pattern, "\\"),
            )
        )
    rows = session.scalars(
        sa.select(Association)
        .where(*where)
        .order_by(Association.name, Association.id)
        .offset(offset)
        .limit(limit)
    ).all()
    total = session.scalar(sa.select(sa.func.count()).select_from(Association).where(*where))
    return Page(rows=list(rows), total=total, offset=offset, size=limit)


def active_associations() -> sa.Select:
    """The active associations, by name."""
    return (
        sa.select(Association)
        .where(Association.active.is_(True))
        .order_by(Association.name, Association.id)
    )


def association_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the active associations, for a choice in a form."""
    names = active_associations().with_only_columns(Association.id, Association.name)
    return [(association_id, name) for association_id, name in session.execute(names)]


def programmes(session: Session) -> list[Programme]:
    """Every programme, the latest started first."""
    return session.scalars(
        sa.select(Programme).order_by(Programme.starts_on.desc(), Programme.id.desc())
    ).all()


def programme(session: Session, programme_id: int) -> Programme:
    """One programme, or NotFound."""
    found = session.get(Programme, programme_id)
    if found is None:
        raise NotFound(f"no programme with id {programme_id}", field="programme_id")
    return found


def needs(
    session: Session,
    actor: Actor,
    *,
    programme_id: int | None = None,
    association_id: int | None = None,
) -> list[Need]:
    """Needs of a programme or an association, by association then priority and date."""
    where = []
    if programme_id is not None:
        where.append(Need.programme_id == programme_id)
    if association_id is not None:
        where.append(Need.association_id == association_id)
    if _own_only(actor):
        where.append(Need.association_id == actor.association_id)
    return session.scalars(
        sa.select(Need)
        .join(Association, Association.id == Need.association_id)
        .options(joinedload(Need.association), joinedload(Need.programme))
        .where(*where)
        .order_by(Association.name, Need.association_id, Need.priority, Need.submitted_at, Need.id)
    ).all()


def need(session: Session, actor: Actor, need_id: int) -> Need:
    """One need, if this actor may see it."""
    found = session.get(Need, need_id)
    if found is None:
        raise NotFound(f"no need with id {need_id}", field="need_id")
    if _own_only(actor) and actor.association_id != found.association_id:
        raise PermissionDenied("an association's user sees its own needs only")
    return found


@dataclass
class NeedCell:
    """What one association asks of one category: the sums of its needs' minimums and maximums."""

    quantity_min: int = 0
    quantity_max: int = 0
    statuses: set[NeedStatus] = field(default_factory=set)


@dataclass
class NeedsRow:
    """One association's line of the needs table."""

    association: Association
    cells: dict[Category, NeedCell] = field(default_factory=dict)


@dataclass
class NeedsTable:
    """Min/max asked by association and category; rejected needs are left out of the sums."""

    categories: list[Category]
    rows: list[NeedsRow]
    totals: dict[Category, NeedCell]


def needs_table(needs: list[Need]) -> NeedsTable:
    """Sum needs into a table of association x category (only the categories asked for)."""
    rows: dict[int, NeedsRow] = {}
    totals: dict[Category, NeedCell] = {}
    for item in needs:
        if item.status == NeedStatus.REJECTED:
            continue
        row = rows.setdefault(item.association_id, NeedsRow(item.association))
        for cell in (
            row.cells.setdefault(item.category, NeedCell()),
            totals.setdefault(item.category, NeedCell()),
        ):
            cell.quantity_min += item.quantity_min
            cell.quantity_max += item.quantity_max
            cell.statuses.add(item.status)
    categories = [category for category in Category if category in totals]
    return NeedsTable(categories=categories, rows=list(rows.values()), totals=totals)


def users(session: Session) -> list[User]:
    """Every user, active first, by email."""
    return session.scalars(
        sa.select(User)
        .options(joinedload(User.association))
        .order_by(User.active.desc(), User.email)
    ).all()
