"""Covering indexes for the event page: each also holds the event id (and the date range index its last
day), so a page of events is found from the index alone and only its rows are read.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_OLD = {"ix_events_geo": ["lat", "lon", "date_start", "position"],
        "ix_events_type_date": ["type", "date_start", "position"],
        "ix_events_date_order": ["date_start", "position"]}
_NEW = {"ix_events_geo_page": ["lat", "lon", "date_start", "position", "id"],
        "ix_events_type_page": ["type", "date_start", "position", "id"],
        "ix_events_date_page": ["date_start", "position", "date_end", "id"]}


def upgrade() -> None:
    for name in _OLD:
        op.drop_index(name, "events")
    for name, columns in _NEW.items():
        op.create_index(name, "events", columns)


def downgrade() -> None:
    for name in _NEW:
        op.drop_index(name, "events")
    for name, columns in _OLD.items():
        op.create_index(name, "events", columns)
