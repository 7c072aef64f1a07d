"""The store: analysed articles, facts, combined events, stories and conflicts in SQLite or PostgreSQL.

Example::

    from lagebild.store import Store
    from lagebild.pipeline import analyze

    with Store.open("var/lagebild.sqlite") as store:
        store.ingest(analyze("Bei einem Luftangriff auf Idlib wurden am Montag 12 Menschen getötet.",
                             published="2016-12-14"))
        print(store.search("Luftangriff"))
"""

from __future__ import annotations

from lagebild.store.queries import EventFilter, Page
from lagebild.store.store import DEFAULT_URL, CombineResult, IngestStatus, Store, normalise_url

__all__ = ["DEFAULT_URL", "CombineResult", "EventFilter", "IngestStatus", "Page", "Store", "normalise_url"]
