"""round stored decimals on sqlite

SQLite keeps what it is given: a weight typed as 4.567 stayed 4.567 where PostgreSQL stored
4.57. Intake now rounds before storing; this rounds what was stored before, to what the app
showed (its reads rounded to the column's decimals).

Revision ID: 5a7c0e1d9b42
Revises: 0d2eaf87ed42
Create Date: 2026-11-23 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5a7c0e1d9b42'
down_revision = '0d2eaf87ed42'
branch_labels = None
depends_on = None

DECIMALS = {"screen_inches": 1, "weight_kg": 2}


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # PostgreSQL's numeric columns round as they store
    for column, places in DECIMALS.items():
        rows = bind.execute(
            sa.text(
                f"SELECT id, {column} FROM devices "
                f"WHERE {column} IS NOT NULL AND {column} != round({column}, {places})"
            )
        ).all()
        for device_id, value in rows:
            bind.execute(
                sa.text(f"UPDATE devices SET {column} = :value WHERE id = :id"),
                {"value": float(f"{value:.{places}f}"), "id": device_id},
            )


def downgrade():
    pass  # the digits past the column's decimals were never shown: nothing to restore
