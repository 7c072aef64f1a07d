"""What the incremental combine keeps: word and entity frequencies, story centroids with an inverted
index of their words, MinHash signatures with their band keys, the state of each combined event and
the stories it comes from; an index on the article a duplicate repeats.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "combine_meta",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "term_df",
        sa.Column("kind", sa.String(1), primary_key=True),
        sa.Column("term", sa.String(255), primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )
    op.create_table(
        "story_state",
        sa.Column("story_id", sa.String(64), primary_key=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("first_day", sa.Integer),
        sa.Column("last_day", sa.Integer, index=True),
        sa.Column("first_published", sa.String(40)),
        sa.Column("last_published", sa.String(40)),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("words", sa.JSON, nullable=False),
        sa.Column("entities", sa.JSON, nullable=False),
    )
    op.create_table(
        "story_terms",
        sa.Column("story_id", sa.String(64), primary_key=True),
        sa.Column("term", sa.String(255), primary_key=True),
        sa.Column("last_day", sa.Integer, nullable=False),
    )
    op.create_index("ix_story_terms_term_day", "story_terms", ["term", "last_day"])
    op.create_table(
        "minhash",
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("published", sa.String(40), nullable=False),
        sa.Column("arrival", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "minhash_bands",
        sa.Column("band_key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("doc_id", sa.String(64), primary_key=True),
    )
    op.create_table(
        "event_state",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("family", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("window_start", sa.Integer),
        sa.Column("window_end", sa.Integer),
        sa.Column("state", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_state_window", "event_state", ["family", "status", "window_end", "window_start"])
    op.create_table(
        "event_stories",
        sa.Column("story_id", sa.String(64), primary_key=True),
        sa.Column("event_id", sa.String(64), primary_key=True, index=True),
    )
    op.create_index("ix_duplicates_duplicate_of", "duplicates", ["duplicate_of"])


def downgrade() -> None:
    op.drop_index("ix_duplicates_duplicate_of", "duplicates")
    for table in ("event_stories", "event_state", "minhash_bands", "minhash", "story_terms", "story_state",
                  "term_df", "combine_meta"):
        op.drop_table(table)
