"""What the batch combine hands to the incremental one: band keys that are the same in every process,
and a state that describes the batch's own result."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from lagebild.combine import combine, combine_with_state
from lagebild.combine.dedup import NearDuplicates, band_keys
from lagebild.combine.merge import EventMerger, builder_from_state
from tests.store.test_streaming import corpus


def test_band_keys_are_the_same_in_another_process() -> None:
    signature = NearDuplicates().signature("Bei einem Luftangriff auf Aleppo sind zwölf Menschen getötet worden.")
    here = band_keys(signature, 16)
    code = ("import numpy as np; from lagebild.combine.dedup import band_keys; "
            f"print(list(band_keys(np.array({signature.tolist()}, dtype=np.uint64), 16)))")
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""}).stdout
    assert list(here) == eval(there)  # noqa: S307 - a list of ints printed by the child process
    assert all(0 <= key < 2**63 for key in here)


def test_state_describes_the_batch_result() -> None:
    state = combine_with_state(corpus())
    stories, events, duplicates = combine(corpus())
    assert [s.doc_ids for s in state.stories] == [s.doc_ids for s in stories]
    assert [e.id for e in state.events] == [e.id for e in events] and state.duplicates == duplicates
    assert sorted(s.event_id for s in state.event_states) == sorted(e.id for e in events)
    assert state.event_count == len(events) and state.story_count == len(stories)
    assert state.words_docs == len(corpus()) - len(duplicates)  # only kept articles are clustered
    assert {doc_id for doc_id, *_ in state.recent} == {d.id for d in corpus()}
    for event_state, event in zip(sorted(state.event_states, key=lambda s: s.event_id),
                                  sorted(events, key=lambda e: e.id), strict=True):
        assert {(r[0], r[1]) for r in event_state.reports} == {(s.doc_id, s.start) for s in event.sources}
    # a report of an incident already merged matches its state, and no other
    merger = EventMerger()
    aleppo = next(d for d in corpus() if d.id == "aleppo-2")
    late = aleppo.events[0]
    matching = [s.event_id for s in state.event_states
                if merger.matches(builder_from_state(s), late, None, "aleppo-3")]
    assert matching == [e.id for e in events if any(s.doc_id == "aleppo-2" for s in e.sources)]
    assert isinstance(state.recent[0][3], np.ndarray)
