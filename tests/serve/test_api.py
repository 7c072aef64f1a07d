"""The REST API: reads, filters, validation (4xx with reasons), security headers, token-guarded writes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from lagebild.pipeline import Pipeline
from lagebild.serve.app import CONTENT_SECURITY_POLICY, create_app
from lagebild.store import Store
from tests.serve.conftest import TOKEN


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and re.fullmatch(r"\d{4}", health["revision"] or "")
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/articles/{doc_id}", "/api/search", "/api/conflicts"} <= set(spec["paths"])


@pytest.mark.parametrize("path", ["/", "/api/docs", "/api/events", "/static/app.js", "/api/articles/none-such"])
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_events_with_filters(client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        return [e["id"] for e in response.json()["items"]]

    assert ids() == ["ev-aleppo", "ev-mosul"]
    assert ids(type="Battles") == ["ev-mosul"]
    assert ids(bbox="35,35,40,37") == ["ev-aleppo"]
    assert ids(date_from="2017-01-01", date_to="2017-01-31") == ["ev-mosul"]
    assert ids(actor="Syria") == ["ev-aleppo"]
    assert ids(story="story-aleppo") == ["ev-aleppo"]
    assert ids(limit=1, offset=1) == ["ev-mosul"]


@pytest.mark.parametrize("params, needle", [
    ({"limit": 0}, "limit"),
    ({"limit": 501}, "limit"),
    ({"offset": -1}, "offset"),
    ({"date_from": "13.12.2016"}, "date_from: expected a date YYYY-MM-DD"),
    ({"date_to": "2016-02-30"}, "not a real date"),
    ({"date_from": "2017-01-02", "date_to": "2017-01-01"}, "date_from is after date_to"),
    ({"bbox": "1,2,3"}, "four numbers"),
    ({"bbox": "a,b,c,d"}, "not a number"),
    ({"bbox": "0,50,10,40"}, "south is greater than north"),
    ({"bbox": "0,0,200,10"}, "longitudes"),
    ({"story": "<script>"}, "not a valid id"),
    ({"country": "SYR"}, "country"),
    ({"status": "maybe"}, "status"),
    ({"actor": "x"}, "actor"),
])
def test_bad_event_parameters_are_422(client: TestClient, params: dict[str, Any], needle: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert needle in response.text


def test_event_detail_and_404(client: TestClient) -> None:
    event = client.get("/api/events/ev-aleppo").json()
    assert [s["doc_id"] for s in event["sources"]] == ["beispiel-a", "beispiel-b"]
    assert event["conflicts"][0]["low"] == 12 and event["conflicts"][0]["high"] == 50
    missing = client.get("/api/events/none-such")
    assert missing.status_code == 404 and "none-such" in missing.json()["detail"]
    assert client.get("/api/events/bad%20id!").status_code == 422


def test_article_with_facts(client: TestClient) -> None:
    article = client.get("/api/articles/beispiel-a").json()
    text = article["text"]
    for kind in ("places", "times", "figures", "quotes", "events"):
        assert article[kind], kind
        for fact in article[kind]:
            assert text[fact["start"]:fact["end"]] == fact["text"]
    assert article["figures"][0]["claimant"]["text"] == "Syrischen Beobachtungsstelle für Menschenrechte"
    assert article["conflicts"][0]["low"] == 12
    assert article["combined_events"] == ["ev-aleppo"]
    listing = client.get("/api/articles", params={"limit": 2}).json()
    assert listing["total"] == 3 and len(listing["items"]) == 2


def test_stories_figures_conflicts(client: TestClient) -> None:
    assert client.get("/api/stories").json()["items"][0]["doc_ids"] == ["beispiel-a", "beispiel-b"]
    assert [e["id"] for e in client.get("/api/stories/story-aleppo").json()["events"]] == ["ev-aleppo"]
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/figures", params={"category": "killed"}).json()["total"] == 3
    assert client.get("/api/figures", params={"category": "Killed!"}).status_code == 422
    scopes = [c["scope"] for c in client.get("/api/conflicts").json()["items"]]
    assert sorted(scopes) == ["article", "event"]


def test_search(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Luftangriffe"}).json()["items"]
    assert {h["id"] for h in hits} == {"beispiel-a", "beispiel-b"}
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/search", params={"q": "?!*"}).status_code == 422
    assert client.get("/api/search", params={"q": "x" * 301}).status_code == 422


@pytest.mark.parametrize("fmt, media", [("csv", "text/csv"), ("geojson", "application/geo+json"),
                                         ("jsonl", "application/x-ndjson"), ("parquet", "application/vnd.apache.parquet")])
def test_export_endpoints(client: TestClient, fmt: str, media: str) -> None:
    response = client.get(f"/api/export/{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert f"lagebild-events.{fmt}" in response.headers["content-disposition"]
    assert response.content
    assert client.get("/api/export/xlsx").status_code == 404


def test_writes_need_the_token(filled_store: Store) -> None:
    body = {"articles": [{"text": "Bei einem Anschlag in Kabul starben am Dienstag zwei Menschen.",
                          "published": "2017-02-07", "title": "Erfundene Meldung"}]}
    read_only = TestClient(create_app(filled_store))
    assert read_only.post("/api/articles", json=body).status_code == 403
    pipeline = Pipeline(stages=("tokens.v1",))
    with TestClient(create_app(filled_store, token=TOKEN, pipeline=pipeline)) as client:
        assert client.post("/api/articles", json=body).status_code == 401
        wrong = client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        bad = client.post("/api/articles", json={"articles": []}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert bad.status_code == 422
        bad_date = client.post("/api/articles", json={"articles": [{"text": "x", "published": "2017-13-45"}]},
                               headers={"Authorization": f"Bearer {TOKEN}"})
        assert bad_date.status_code == 422 and "published" in bad_date.text
        done = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert done.status_code == 200, done.text
        assert done.json()["new"] == 1
        again = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["new"] == 0 and again["duplicate"] == 1
    assert filled_store.count_articles() == 4


def test_index_page_is_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "/static/vendor/leaflet.js" in page.text and "<script>" not in page.text
    for asset in ("/static/vendor/leaflet.js", "/static/vendor/leaflet.css", "/static/vendor/countries-50m.json",
                  "/static/vendor/topojson-client.min.js", "/static/app.css"):
        assert client.get(asset).status_code == 200, asset
