"""The web page in a real browser (Debian chromium driven by Playwright): map → event → article with the
evidence highlighted; hostile article text stays text. Screenshots go to test-artifacts/."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lagebild.serve.app import create_app
from lagebild.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def server_url(filled_store: Store) -> Iterator[str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(filled_store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server_url: str) -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/setup-system.sh installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1500, "height": 900})
        tab = context.new_page()
        tab.problems = []  # type: ignore[attr-defined]
        tab.on("pageerror", lambda exc: tab.problems.append(f"page error: {exc}"))  # type: ignore[attr-defined]
        tab.on("console", lambda msg: tab.problems.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
        tab.on("dialog", lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))  # type: ignore[attr-defined]
        yield tab
        context.close()
        browser.close()


def test_map_event_article_with_highlighted_evidence(page: object, server_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    expect(page.locator("path.country").first).to_be_attached()  # the offline basemap is drawn
    markers = page.locator("path.event-marker")
    expect(markers).to_have_count(2)
    expect(page.locator("#timeline rect")).to_have_count(2)
    page.screenshot(path=str(ARTIFACTS / "1-map.png"))

    page.locator('path.event-marker[data-event-id="ev-aleppo"]').click()
    expect(page.locator("#event-title")).to_have_text("Explosions/Remote violence · Air/drone strike")
    conflict = page.locator("table.conflict")
    expect(conflict).to_contain_text("Die syrische Regierung")
    expect(conflict).to_contain_text("Aktivisten")
    expect(conflict.locator("td.number")).to_have_text(["45", "12", "50"])
    page.screenshot(path=str(ARTIFACTS / "2-event.png"))

    page.locator("#event-sources button.source-link").first.click()
    expect(page.locator("#article-title")).to_have_text("Luftangriffe auf Aleppo")
    text = page.locator("#article-text")
    expect(text.locator("mark.hl-figure").first).to_have_text("mindestens 45 Zivilisten")
    expect(text.locator("mark.hl-place").first).to_have_text("ALEPPO")
    expect(text.locator("mark.hl-time")).to_contain_text(["am Montag"])
    expect(text.locator("mark.hl-quote")).to_have_text(["Die Lage ist katastrophal"])
    expect(text.locator("mark.hl-speaker")).to_have_text(["ein Sprecher des Roten Kreuzes"])
    claimants = text.locator("mark.hl-claimant").all_text_contents()
    assert "".join(claimants).startswith("Syrischen Beobachtungsstelle")
    evidence = "".join(text.locator("mark.hl-evidence").all_text_contents())
    assert evidence.startswith("Bei Luftangriffen auf den Osten Aleppos") and evidence.endswith("getötet worden.")
    assert text.text_content() == page.evaluate("fetch('/api/articles/beispiel-a').then(r => r.json()).then(a => a.text)")
    page.screenshot(path=str(ARTIFACTS / "3-article.png"), full_page=True)
    assert page.problems == []  # type: ignore[attr-defined]


def test_hostile_article_text_stays_text(page: object, server_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    page.locator("#event-list li", has_text="Armed clash").click()
    page.locator("#event-sources button.source-link").first.click()
    expect(page.locator("#article-title")).to_have_text("<i>Mossul</i>")
    text = page.locator("#article-text")
    expect(text).to_contain_text("<script>alert('xss')</script>")
    assert page.locator("#detail script, #detail img, #detail i").count() == 0
    page.fill("#search", "Mossul")
    page.press("#search", "Enter")
    expect(page.locator(".search-hit mark").first).to_have_text("Mossul")
    page.screenshot(path=str(ARTIFACTS / "4-hostile-text.png"), full_page=True)
    assert page.problems == []  # type: ignore[attr-defined]


def test_filters_narrow_the_map(page: object, server_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    page.select_option("#f-type", "Battles")
    expect(page.locator("path.event-marker")).to_have_count(1)
    expect(page.locator("#event-count")).to_have_text("(1)")
    page.click("#f-reset")
    expect(page.locator("path.event-marker")).to_have_count(2)
    page.locator("#timeline rect").first.click()
    expect(page.locator("#f-from")).to_have_value("2016-12-12")
    expect(page.locator("path.event-marker")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "5-filters.png"))
    assert page.problems == []  # type: ignore[attr-defined]


def test_api_reference_page_works_offline_under_the_csp(page: object, server_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(server_url) else outside.append(request.url))
    page.goto(server_url + "/api/docs")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible(timeout=20_000)
    paths = operations.all_text_contents()
    assert any(p.replace("\u200b", "") == "/api/events" for p in paths)
    events = page.locator(".opblock-get", has=page.locator('[data-path="/api/events"]')).first
    events.locator(".opblock-summary").click()
    expect(events.locator(".parameters-col_name").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "6-api-reference.png"), full_page=False)
    assert outside == []  # nothing is fetched from anywhere but this server
    assert [p for p in page.problems if "sourceMappingURL" not in p] == []  # type: ignore[attr-defined]
