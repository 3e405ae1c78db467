"""Flushing with the database's refusals turned into domain errors."""

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reuse.errors import Conflict, StaleVersion


def flush(session: Session, *, what: str = "record") -> None:
    """Flush pending changes; a lost race or a broken constraint becomes a Conflict.

    The caller (the edge) rolls the session back on any ReuseError.
    """
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleVersion(
            f"this {what} was changed by someone else meanwhile: reload it and try again"
        ) from error
    except OperationalError as error:
        # SQLite refuses a write from a transaction whose snapshot another writer has since
        # changed ("database is locked"): the same lost race, told differently.
        if session.get_bind().dialect.name == "sqlite" and "locked" in str(error.orig):
            raise StaleVersion(
                f"this {what} was changed by someone else meanwhile: reload it and try again"
            ) from error
        raise
    except IntegrityError as error:
        raise Conflict(f"this {what} clashes with existing data: {error.orig}") from error
