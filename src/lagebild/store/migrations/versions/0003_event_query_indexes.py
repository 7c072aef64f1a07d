"""Indexes for the web page's event queries on large stores, and event counts kept by triggers.

* ``ix_events_geo`` (lat, lon, date_start, position): a bounding box is answered from the index, with
  the sort keys of its page;
* ``ix_events_type_date`` (type, date_start, position): one event type, in date order;
* ``ix_events_date_order`` (date_start, position) and ``ix_events_date_end``: date ranges and the
  facets' first and last day;
* ``ix_event_actors_trgm``: on PostgreSQL a trigram index (pg_trgm) for the actor filter, which matches
  any part of a name (where the extension cannot be created, the filter reads the actor table);
* ``event_counts``: events per type, sub-type and country, kept by triggers on ``events``, so the
  facets do not count a million rows on every page load.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER event_counts_insert AFTER INSERT ON events BEGIN "
    "INSERT OR IGNORE INTO event_counts(type, sub_type, country, n) "
    "VALUES (new.type, new.sub_type, coalesce(new.country, ''), 0); "
    "UPDATE event_counts SET n = n + 1 WHERE type = new.type AND sub_type = new.sub_type "
    "AND country = coalesce(new.country, ''); END",
    "CREATE TRIGGER event_counts_delete AFTER DELETE ON events BEGIN "
    "UPDATE event_counts SET n = n - 1 WHERE type = old.type AND sub_type = old.sub_type "
    "AND country = coalesce(old.country, ''); "
    "DELETE FROM event_counts WHERE n <= 0; END",
)

_POSTGRES_TRIGGERS = (
    "CREATE FUNCTION event_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN "
    "INSERT INTO event_counts(type, sub_type, country, n) VALUES (NEW.type, NEW.sub_type, "
    "coalesce(NEW.country, ''), 1) ON CONFLICT (type, sub_type, country) DO UPDATE SET n = event_counts.n + 1; "
    "ELSE UPDATE event_counts SET n = n - 1 WHERE type = OLD.type AND sub_type = OLD.sub_type "
    "AND country = coalesce(OLD.country, ''); "
    "DELETE FROM event_counts WHERE n <= 0; END IF; RETURN NULL; END $$",
    "CREATE TRIGGER event_counts_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION event_counts_change()",
    "CREATE TRIGGER event_counts_delete AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION event_counts_change()",
)


def upgrade() -> None:
    op.create_index("ix_events_geo", "events", ["lat", "lon", "date_start", "position"])
    op.create_index("ix_events_type_date", "events", ["type", "date_start", "position"])
    op.create_index("ix_events_date_order", "events", ["date_start", "position"])
    op.create_index("ix_events_date_end", "events", ["date_end"])
    op.create_table(
        "event_counts",
        sa.Column("type", sa.String(64), primary_key=True),
        sa.Column("sub_type", sa.String(128), primary_key=True),
        sa.Column("country", sa.String(8), primary_key=True),  # '' where the event has none
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO event_counts(type, sub_type, country, n) SELECT type, sub_type, coalesce(country, ''), "
               "count(*) FROM events GROUP BY type, sub_type, coalesce(country, '')")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        for statement in _POSTGRES_TRIGGERS:
            op.execute(statement)
        available = bind.execute(sa.text(
            "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")).scalar()
        allowed = bind.execute(sa.text(
            "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user")).scalar()
        if available and allowed:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            op.execute("CREATE INDEX ix_event_actors_trgm ON event_actors USING gin (name_folded gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_event_actors_trgm")
        op.execute("DROP TRIGGER IF EXISTS event_counts_insert ON events")
        op.execute("DROP TRIGGER IF EXISTS event_counts_delete ON events")
        op.execute("DROP FUNCTION IF EXISTS event_counts_change()")
    else:
        op.execute("DROP TRIGGER IF EXISTS event_counts_insert")
        op.execute("DROP TRIGGER IF EXISTS event_counts_delete")
    op.drop_table("event_counts")
    for name in ("ix_events_date_end", "ix_events_date_order", "ix_events_type_date", "ix_events_geo"):
        op.drop_index(name, "events")
