"""Write many analysed articles in one transaction, idempotently: the write of a bulk backfill.

:func:`write_documents` stores a partition of Documents the way :meth:`Store.ingest` stores one, but
in a single transaction and safe against the same partition being written twice at once or again
later (a Dask task retried after its worker died, perhaps after it had committed):

* articles are inserted with ``ON CONFLICT DO NOTHING`` (their text hash and id are unique), and only
  the rows this statement inserted get facts, so a second write of the same article adds no row and
  no fact, whichever of two concurrent writers commits first;
* an article already stored from another pipeline is locked (``SELECT … FOR UPDATE`` on PostgreSQL)
  before its facts are replaced, so two writers cannot both replace them;
* a worker killed mid-transaction leaves nothing: the server rolls the transaction back.

Example::

    from lagebild.store import Store
    from lagebild.store.bulk import write_documents
    from lagebild.pipeline import analyze

    docs = [analyze("In Kabul wurden am Montag drei Polizisten getötet.", published="2024-03-04")]
    with Store.open("postgresql://lagebild@127.0.0.1:5432/lagebild") as store:
        print(write_documents(store, docs))   # ['new']
        print(write_documents(store, docs))   # ['duplicate']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from lagebild.errors import StoreError
from lagebild.model import Document
from lagebild.store.codec import to_plain
from lagebild.store.models import ArticleConflictRow, ArticleRow, FactRow
from lagebild.store.store import IngestStatus, Store, _now, _version_key, _with_doc_id


def write_documents(store: Store, documents: Sequence[Document]) -> list[IngestStatus | StoreError]:
    """Store ``documents`` with their facts in one transaction; for each, what happened (as
    :meth:`Store.ingest` says it: "new", "duplicate", "updated", "stale") or the StoreError of an
    article whose id is stored with another text. A text given twice is "duplicate" the second time.
    A database failure raises StoreError and writes nothing."""
    outcome: list[IngestStatus | StoreError | None] = [None] * len(documents)
    first: dict[str, int] = {}
    for position, doc in enumerate(documents):
        if doc.article.content_hash in first:
            outcome[position] = "duplicate"
        else:
            first[doc.article.content_hash] = position
    if not first:
        return [o for o in outcome if o is not None]
    try:
        with store.session() as session, session.begin():
            # The insert comes first: on SQLite it takes the write lock before anything is read.
            rows = [_article_row(documents[p]) for p in first.values()]
            statement = _insert(store.dialect, rows).on_conflict_do_nothing().returning(ArticleRow.content_hash)
            inserted = set(session.execute(statement).scalars())
            for content_hash in inserted:
                doc = documents[first[content_hash]]
                store._insert_facts(session, doc.article.id, doc)
                outcome[first[content_hash]] = "new"
            others = sorted(set(first) - inserted)
            stored = {row.content_hash: row for row in session.execute(
                select(ArticleRow).where(ArticleRow.content_hash.in_(others)).with_for_update()
            ).scalars()} if others else {}
            for content_hash in others:
                position = first[content_hash]
                doc = documents[position]
                row = stored.get(content_hash)
                if row is None:
                    outcome[position] = StoreError(
                        f"{doc.article.id}: this id is already stored with a different text; give the article "
                        "another id (or none: the text's hash is used)")
                elif row.pipeline == doc.pipeline:
                    outcome[position] = "duplicate"
                elif _version_key(doc.pipeline) < _version_key(row.pipeline):
                    outcome[position] = "stale"
                else:
                    session.execute(delete(FactRow).where(FactRow.doc_id == row.id))
                    session.execute(delete(ArticleConflictRow).where(ArticleConflictRow.doc_id == row.id))
                    row.pipeline = doc.pipeline
                    row.dateline = to_plain(_with_doc_id(doc.dateline, row.id))
                    row.sentences = [list(s) for s in doc.sentences]
                    row.warnings = list(doc.warnings)
                    row.analysed_at = _now()
                    session.flush()
                    store._insert_facts(session, row.id, doc)
                    outcome[position] = "updated"
    except SQLAlchemyError as exc:
        names = ", ".join(d.article.id for d in documents[:3]) + (" …" if len(documents) > 3 else "")
        raise StoreError(f"{store.display_url}: cannot store the articles {names}: {exc}") from None
    for position, doc in enumerate(documents):  # a repeat of a text that could not be stored is not stored
        kept = outcome[first[doc.article.content_hash]]
        if isinstance(kept, StoreError):
            outcome[position] = kept
    return [o for o in outcome if o is not None]


def _insert(dialect: str, rows: list[dict[str, Any]]) -> Any:
    if dialect == "postgresql":
        return postgresql.insert(ArticleRow).values(rows)
    if dialect == "sqlite":
        return sqlite.insert(ArticleRow).values(rows)
    raise StoreError(f"bulk writes need SQLite or PostgreSQL, not {dialect}")


def _article_row(doc: Document) -> dict[str, Any]:
    article = doc.article
    now = _now()
    return {
        "id": article.id, "content_hash": article.content_hash, "url": article.url, "source": article.source,
        "title": article.title, "published": article.published, "language": article.language, "text": article.text,
        "dateline": to_plain(_with_doc_id(doc.dateline, article.id)), "sentences": [list(s) for s in doc.sentences],
        "warnings": list(doc.warnings), "pipeline": doc.pipeline, "ingested_at": now, "analysed_at": now,
    }


__all__ = ["write_documents"]
