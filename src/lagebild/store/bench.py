"""Store benchmark: ingest, duplicate check, event queries, search and export on synthetic documents.

Run: ``python -m lagebild.store.bench [--n 2000] [--db URL]`` (default: a temporary SQLite file).
The documents are the invented test articles with their facts, repeated with a number in the text so
that each has its own hash. Prints figures per operation; nothing is asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from lagebild.model import Article, CombinedEvent, Document, EventSource


def _documents(n: int) -> list[Document]:
    from lagebild.model import Event, EventDate, EventPlace, Figure, Mention, Place, TimeExpression

    docs = []
    for i in range(n):
        text = (f"Bei einem Luftangriff auf Idlib sind am Montag nach Angaben von Aktivisten {i % 90 + 3} Menschen "
                f"getötet worden. Die Regierung sprach von {i % 7 + 1} Toten. Meldung Nummer {i}.")
        article = Article(text=text, published=f"2016-{i % 12 + 1:02d}-{i % 28 + 1:02d}", source="Bench")
        first = text.index(" Menschen")
        number_start = text.rindex(" ", 0, first) + 1
        claimant = Mention(text.index("Aktivisten"), text.index("Aktivisten") + 10, "Aktivisten")
        figure = Figure(article.id, number_start, first + 9, text[number_start:first + 9], i % 90 + 3,
                        i % 90 + 3, "exact", "killed", claimant)
        place_at = text.index("Idlib")
        sentence_end = text.index(".") + 1
        doc = Document(article=article, pipeline="lagebild 0.1.0: bench", sentences=[(0, sentence_end)])
        doc.places = [Place(article.id, place_at, place_at + 5, "Idlib", "Idlib", "SY", 35.93, 36.63, "city", 1)]
        doc.times = [TimeExpression(article.id, text.index("am Montag"), text.index("am Montag") + 9, "am Montag",
                                    "DATE", article.published or "")]
        doc.figures = [figure]
        doc.events = [Event(article.id, 0, sentence_end, text[:sentence_end], "Explosions/Remote violence",
                            "Air/drone strike", place=EventPlace("Idlib", "Idlib", "SY", 35.93, 36.63, 1),
                            date=EventDate(article.published, 1))]
        docs.append(doc)
    return docs


def _events(docs: list[Document]) -> list[CombinedEvent]:
    out = []
    for doc in docs:
        event = doc.events[0]
        out.append(CombinedEvent(f"ev{doc.id}", event.type, event.sub_type, "current", event.place, event.date,
                                 ("Military Forces of Syria",), None,
                                 (EventSource(doc.id, event.start, event.end, event.text, doc.article.published),)))
    return out


def main() -> None:
    from lagebild.export import export_bytes
    from lagebild.store import EventFilter, Store
    from lagebild.store.store import CombineResult

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or str(Path(folder) / "bench.sqlite")
        docs = _documents(args.n)
        with Store.open(url) as store:
            print(f"store benchmark: {args.n} documents, {store.dialect}")

            def timed(label: str, count: int, fn: object) -> float:
                start = time.perf_counter()
                fn()  # type: ignore[operator]
                seconds = time.perf_counter() - start
                print(f"  {label:<34} {count / seconds:>10.0f} /s   ({seconds * 1000 / count:.3f} ms each)")
                return seconds

            ingest = timed("ingest (new, 4 facts each)", args.n, lambda: [store.ingest(d) for d in docs])
            duplicate = timed("analysis_status (duplicate check)", args.n,
                              lambda: [store.analysis_status(d.article, d.pipeline) for d in docs])
            print(f"  duplicate check is {ingest / duplicate:.0f}x cheaper than storing")
            newer = [replace(d, pipeline="lagebild 0.2.0: bench") for d in docs[:500]]
            timed("re-analysis update", len(newer), lambda: [store.ingest(d) for d in newer])
            events = _events(docs)
            timed("save combined events", len(events), lambda: store.save_combined(CombineResult(events=tuple(events))))
            queries = 200
            timed("event query (bbox + month, 100)", queries, lambda: [store.events(
                EventFilter(bbox=(30, 30, 40, 40), date_from=f"2016-{m % 12 + 1:02d}-01",
                            date_to=f"2016-{m % 12 + 1:02d}-28"), limit=100) for m in range(queries)])
            timed("full-text search (20 hits)", queries, lambda: [store.search("Luftangriff Regierung")
                                                                   for _ in range(queries)])
            timed("export csv (events)", len(events), lambda: export_bytes(store, "csv"))
            timed("export parquet (events)", len(events), lambda: export_bytes(store, "parquet"))


if __name__ == "__main__":
    main()
