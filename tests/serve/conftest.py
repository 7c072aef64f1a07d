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
