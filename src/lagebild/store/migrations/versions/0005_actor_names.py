"""The actor filter at scale: the distinct actor names with their number of events (kept by triggers
on ``event_actors``), where a part of a name is matched, and an index of (name, event) that answers
the matching names' events from the index alone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER actor_names_insert AFTER INSERT ON event_actors BEGIN "
    "INSERT OR IGNORE INTO actor_names(name_folded, n) VALUES (new.name_folded, 0); "
    "UPDATE actor_names SET n = n + 1 WHERE name_folded = new.name_folded; END",
    "CREATE TRIGGER actor_names_delete AFTER DELETE ON event_actors BEGIN "
    "UPDATE actor_names SET n = n - 1 WHERE name_folded = old.name_folded; "
    "DELETE FROM actor_names WHERE n <= 0; END",
)

_POSTGRES_TRIGGERS = (
    "CREATE FUNCTION actor_names_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN "
    "INSERT INTO actor_names(name_folded, n) VALUES (NEW.name_folded, 1) "
    "ON CONFLICT (name_folded) DO UPDATE SET n = actor_names.n + 1; "
    "ELSE UPDATE actor_names SET n = n - 1 WHERE name_folded = OLD.name_folded; "
    "DELETE FROM actor_names WHERE n <= 0; END IF; RETURN NULL; END $$",
    "CREATE TRIGGER actor_names_insert AFTER INSERT ON event_actors FOR EACH ROW EXECUTE FUNCTION actor_names_change()",
    "CREATE TRIGGER actor_names_delete AFTER DELETE ON event_actors FOR EACH ROW EXECUTE FUNCTION actor_names_change()",
)


def upgrade() -> None:
    op.create_table(
        "actor_names",
        sa.Column("name_folded", sa.Text, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO actor_names(name_folded, n) SELECT name_folded, count(*) FROM event_actors "
               "GROUP BY name_folded")
    op.create_index("ix_event_actors_name_event", "event_actors", ["name_folded", "event_id"])
    bind = op.get_bind()
    for statement in _SQLITE_TRIGGERS if bind.dialect.name == "sqlite" else _POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS actor_names_insert ON event_actors")
        op.execute("DROP TRIGGER IF EXISTS actor_names_delete ON event_actors")
        op.execute("DROP FUNCTION IF EXISTS actor_names_change()")
    else:
        op.execute("DROP TRIGGER IF EXISTS actor_names_insert")
        op.execute("DROP TRIGGER IF EXISTS actor_names_delete")
    op.drop_index("ix_event_actors_name_event", "event_actors")
    op.drop_table("actor_names")
