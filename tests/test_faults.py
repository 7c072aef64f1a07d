"""Faults: ``lagebild ingest`` killed with SIGKILL in the middle of a batch and started again loses
nothing and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebild.model import content_id

REPO = Path(__file__).resolve().parents[1]
LAGEBILD = [sys.executable, "-c", "from lagebild.cli import run; run()"]

# Invented sentences; every article is a different combination, so every text (and id) is distinct.
PLACES = ["Nordhafen", "Westland", "Kessel", "Bergstadt", "Flussau", "Talheim", "Seedorf"]
SENTENCES = [
    "Bei einem Angriff auf {p} sind am Montag nach Angaben der Behörden {n} Menschen getötet worden.",
    "„Wir haben keine Medikamente mehr“, sagte ein Arzt am Dienstag in {p}.",
    "Die Armee erklärte, sie habe die Stellungen der Rebellen nahe {p} am Wochenende zurückerobert.",
    "Nach Schätzungen der Vereinten Nationen sind seit März mehr als {n}00 Familien aus {p} geflohen.",
    "Der Gouverneur sagte, die Rebellen hätten am 3. Mai {n} Zivilisten aus {p} verschleppt.",
]
ARTICLES = 240


def corpus(path: Path) -> list[str]:
    texts = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(ARTICLES):
            place = PLACES[i % len(PLACES)]
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)].format(p=place, n=i + 2) for k in range(4))
            texts.append(text)
            out.write(json.dumps({"text": text, "published": f"2024-05-{1 + i % 28:02d}"}, ensure_ascii=False) + "\n")
        out.write("{ein kaputter Datensatz\n")  # one bad line: counted, the batch goes on
    return texts


def stored(db: Path) -> tuple[int, int, int]:
    """(article rows, distinct article ids, duplicated fact rows) as another reader sees them now."""
    if not db.exists():
        return 0, 0, 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            rows, distinct = conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone()
            duplicated = conn.execute(
                "SELECT COUNT(*) FROM (SELECT doc_id, kind, position FROM facts "
                "GROUP BY doc_id, kind, position HAVING COUNT(*) > 1)"
            ).fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0, 0, 0
    return int(rows), int(distinct), int(duplicated)


def start_ingest(source: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([*LAGEBILD, "ingest", str(source), "--db", f"sqlite:///{db}", "--quiet"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_after_progress(process: subprocess.Popen[bytes], db: Path, beyond: int, deadline_s: float = 240) -> int:
    """SIGKILL ``process`` as soon as more than ``beyond`` articles are stored; the count it reached."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"ingest ended before it could be killed mid-batch (exit {process.returncode}): "
                        f"{err.decode()[-800:]}")
        count = stored(db)[0]
        if count > beyond:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return count
        time.sleep(0.05)
    process.kill()
    process.wait(timeout=30)
    pytest.fail(f"ingest stored no more than {beyond} articles within {deadline_s:.0f} s")


def test_sigkill_mid_batch_then_restart_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    probe = subprocess.run([*LAGEBILD, "ingest", "--help"], cwd=REPO, capture_output=True, timeout=120)
    if probe.returncode != 0:
        pytest.skip("this build has no `lagebild ingest` command")
    source = tmp_path / "batch.jsonl"
    texts = corpus(source)
    db = tmp_path / "store.sqlite"

    first = kill_after_progress(start_ingest(source, db), db, beyond=1)
    assert first < ARTICLES, "the first run was not interrupted mid-batch"
    rows, distinct, duplicated = stored(db)
    assert rows == distinct and duplicated == 0  # what a killed run left behind is consistent

    second = kill_after_progress(start_ingest(source, db), db, beyond=rows + 1)  # kill the restart, too
    assert second < ARTICLES

    final = start_ingest(source, db)
    out, err = final.communicate(timeout=600)
    assert final.returncode == 3, err.decode()[-2000:]  # 3: some items failed (the one bad line)
    assert b"ein kaputter Datensatz" not in out  # errors are reported on stderr …
    assert b"batch.jsonl:" in err and b"invalid JSON" in err  # … naming the item and the reason

    rows, distinct, duplicated = stored(db)
    assert rows == distinct == ARTICLES
    assert duplicated == 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
        stored_texts = {row[0] for row in conn.execute("SELECT text FROM articles")}
    assert ids == {content_id(text) for text in texts}
    assert stored_texts == set(texts)

    again = start_ingest(source, db)
    again.communicate(timeout=600)
    assert stored(db) == (ARTICLES, ARTICLES, 0)  # a further run changes nothing
