"""Near-duplicates: wire copies and updates are linked to the newest version; other articles are not."""

from __future__ import annotations

from lagebild.combine.dedup import NearDuplicates, find_duplicates

BASE = ("Bei schweren Gefechten im Norden der Provinz sind nach Angaben der Behörden mindestens zwölf "
        "Menschen ums Leben gekommen. Die Kämpfe dauerten bis in die Nacht an, berichteten Augenzeugen. "
        "Hilfsorganisationen forderten einen sicheren Zugang zu den Verletzten und warnten vor einer "
        "weiteren Verschlechterung der Lage in den umliegenden Dörfern.")
OTHER = ("Der Stadtrat hat am Abend einen neuen Haushalt beschlossen, der höhere Ausgaben für Schulen und "
         "Straßen vorsieht. Die Opposition kritisierte die Pläne als unsolide und kündigte Widerstand an.")


def test_wire_copy_and_update_link_to_newest() -> None:
    items = [
        ("a", BASE, "2024-03-11"),
        ("b", "(Agentur) " + BASE, "2024-03-11"),
        ("c", BASE + " Am Dienstag stieg die Zahl der Toten auf fünfzehn.", "2024-03-12"),
        ("d", OTHER, "2024-03-12"),
    ]
    assert find_duplicates(items) == {"a": "c", "b": "c"}


def test_incremental_add_reports_matches_and_is_deterministic() -> None:
    first, second = NearDuplicates(), NearDuplicates()
    for finder in (first, second):
        assert finder.add("a", BASE, "2024-03-11") == []
        assert finder.add("b", BASE.replace("zwölf", "13"), "2024-03-10") == ["a"]
    assert first.canonical() == second.canonical() == {"b": "a"}


def test_window_bounds_the_index() -> None:
    finder = NearDuplicates(window=2)
    finder.add("a", BASE, "2024-03-11")
    finder.add("x", OTHER, "2024-03-11")
    finder.add("y", OTHER + " Nachtrag.", "2024-03-11")
    assert finder.add("b", BASE, "2024-03-12") == []  # "a" has left the window
