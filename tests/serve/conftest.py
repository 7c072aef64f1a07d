"""A store filled with the invented sample articles and events, and an API client over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lagebild.serve.app import create_app
from lagebild.store import Store
from tests.store.sample import sample_combined, sample_documents

TOKEN = "test-token-0123456789"
DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles.jsonl"


@pytest.fixture
def filled_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "serve.sqlite") as store:
        for doc in sample_documents():
            store.ingest(doc)
        store.save_combined(sample_combined())
        yield store


@pytest.fixture
def client(filled_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(filled_store, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The invented demo articles (demo/articles.jsonl) analysed and combined by ``lagebild ingest``."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    lagebild = Path(sys.executable).with_name("lagebild")
    done = subprocess.run([str(lagebild), "ingest", str(DEMO), "--db", str(path), "--quiet"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    with Store.open(path) as store:
        yield store


@pytest.fixture(scope="session")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """3,000 generated (invented) events over about four years, no articles."""
    from lagebild.serve.synthetic import generated_events
    from lagebild.store import CombineResult

    with Store.open(tmp_path_factory.mktemp("generated") / "generated.sqlite") as store:
        store.save_combined(CombineResult(events=tuple(generated_events(3000, "2020-01-01", 1500))))
        yield store
