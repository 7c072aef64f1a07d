"""The web page in a real browser (Debian chromium driven by Playwright): map → event → article with the
evidence highlighted; hostile article text stays text. Screenshots go to test-artifacts/."""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def serving(store: Store) -> Iterator[str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
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
def server_url(filled_store: Store) -> Iterator[str]:
    with serving(filled_store) as url:
        yield url


@pytest.fixture
def demo_url(demo_store: Store) -> Iterator[str]:
    with serving(demo_store) as url:
        yield url


@pytest.fixture
def generated_url(generated_store: Store) -> Iterator[str]:
    with serving(generated_store) as url:
        yield url


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
        tab.on("pageerror", lambda exc: tab.problems.append(f"page error: {exc}"))  # type: ignore[attr-defined,call-overload]
        tab.on("console", lambda msg: tab.problems.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined,call-overload]
        tab.on("dialog", lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))  # type: ignore[attr-defined,call-overload]
        # every Content-Security-Policy violation is recorded (and must not happen)
        tab.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                            "(e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
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
    expect(page.locator("#timeline rect.bar")).to_have_count(2)
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
    assert_clean(page)


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
    assert_clean(page)


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
    page.locator("#timeline rect.bar").first.click()
    expect(page.locator("#f-from")).to_have_value("2016-12-12")
    expect(page.locator("path.event-marker")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "5-filters.png"))
    assert_clean(page)


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


def assert_clean(page: object) -> None:
    """No console errors, page errors or dialogs, and no violation of the Content-Security-Policy."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    assert [p for p in page.problems if "sourceMappingURL" not in p] == []  # type: ignore[attr-defined]
    assert page.evaluate("window.__csp") == []


def ready(page: object, url: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)


LABEL_BOXES = """() => [...document.querySelectorAll('#timeline text.tick-label')].map((t) => {
  const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; })"""


@pytest.mark.parametrize("query, unit, shot", [
    ("?from=2020-03-01&to=2020-03-20", "day", "7-axis-days.png"),
    ("?from=2020-01-01&to=2021-03-31", "week", "8-axis-weeks.png"),
    ("", "month", "9-axis-months.png"),
])
def test_axis_labels_never_overlap(page: object, generated_url: str, query: str, unit: str, shot: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    ready(page, generated_url + "/" + query)
    chart = page.locator("#timeline svg.timeline-chart")
    assert chart.get_attribute("data-unit") == unit
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 3, boxes
    chart_box = chart.bounding_box()
    assert chart_box is not None
    for (_, _, right), (text, left, _) in zip(boxes, boxes[1:], strict=False):
        assert left > right, f"label {text!r} overlaps the one before it: {boxes}"
    assert boxes[0][1] >= chart_box["x"] - 0.5 and boxes[-1][2] <= chart_box["x"] + chart_box["width"] + 0.5
    assert page.locator("#timeline rect.bar").count() > 0
    page.screenshot(path=str(ARTIFACTS / shot))
    assert_clean(page)


def _bounds_hold(page: object) -> None:
    """Every marker, cluster and cell drawn lies inside the map, and every event the filter selects lies
    inside the map's bounds."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    box = page.locator("#map").bounding_box()
    assert box is not None
    drawn = page.evaluate("""() => [...document.querySelectorAll(
        '#map path.event-marker, #map .marker-cluster, #map .map-cell')].map((m) => {
        const r = m.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; })""")
    assert drawn
    for x, y in drawn:
        assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"], (x, y, box)
    west, south, east, north = (float(v) for v in page.evaluate("document.body.dataset.mapBounds").split(","))
    params = page.evaluate("new URLSearchParams(window.location.search).toString()")
    overview = page.evaluate(f"fetch('/api/overview?' + new URLSearchParams({{type: new URLSearchParams('{params}')"
                             ".get('type') || ''}).toString()).then((r) => r.json())")
    w, s, e, n = overview["bounds"]
    assert west <= w and s >= south and e <= east and n <= north, (overview["bounds"], (west, south, east, north))


def test_the_map_fits_the_events_shown(page: object, demo_url: str, generated_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    ready(page, demo_url + "/")
    # five incidents and the agreement of May 2023 that one demo article tells as background (historical)
    expect(page.locator("path.event-marker")).to_have_count(6)
    _bounds_hold(page)
    expect(page.locator("#map-legend")).to_contain_text("Protests")
    ready(page, generated_url + "/")
    assert page.evaluate("document.body.dataset.mapMode") in ("cells", "clusters")
    _bounds_hold(page)
    page.screenshot(path=str(ARTIFACTS / "10-map-many.png"))
    page.select_option("#f-type", "Riots")
    page.wait_for_function("new URLSearchParams(location.search).get('type') === 'Riots'")
    page.wait_for_timeout(800)
    _bounds_hold(page)
    assert_clean(page)


def test_story_view_shows_how_the_claims_changed(page: object, demo_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    ready(page, demo_url + "/")
    page.locator("#event-list li", has_text="Air/drone strike").click()
    page.locator("#open-story").click()
    expect(page.locator("#story-articles li")).to_have_count(3)
    expect(page.locator("#story-articles li").first).to_contain_text("Luftangriff auf Markt in Nordsyrien")
    killed = page.locator('table.claims[data-category="killed"]')
    expect(killed.locator("td.number")).to_have_text(["12", "18 (including fünf Kinder)", "15"])
    claimants = killed.locator("td.claimant").all_text_contents()
    assert "Beobachtungsstelle" in claimants[0] and "Weißhelme" in claimants[1] and "Gesundheitsbehörde" in claimants[2]
    expect(killed.locator("tr.claim-sentence-row").nth(1)).to_contain_text("sprach am Dienstag von 18 Toten")
    expect(killed.locator("mark.hl-figure").nth(2)).to_have_text("15")
    assert "panel=story" in page.url and "story=" in page.url
    page.screenshot(path=str(ARTIFACTS / "11-story-claims.png"), full_page=True)
    page.go_back()  # the back button returns to the event
    expect(page.locator("#event-title")).to_have_text("Explosions/Remote violence · Air/drone strike")
    assert_clean(page)


def test_a_link_reproduces_the_view(page: object, demo_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    ready(page, demo_url + "/")
    page.select_option("#f-type", "Explosions/Remote violence")
    expect(page.locator("#event-list li")).to_have_count(2)
    page.locator("#event-list li", has_text="Mogadishu").click()
    expect(page.locator("#event-title")).to_contain_text("Remote explosive")
    link = page.url
    assert "type=Explosions" in link and "event=" in link
    shown = page.locator("#event-list li").all_text_contents()
    page.goto("about:blank")
    ready(page, link)
    expect(page.locator("#f-type")).to_have_value("Explosions/Remote violence")
    expect(page.locator("#event-list li")).to_have_text(shown)
    expect(page.locator("#event-title")).to_contain_text("Remote explosive")
    expect(page.locator("#event-list li.selected")).to_contain_text("Mogadishu")
    expect(page.locator("path.event-marker")).to_have_count(2)
    page.go_back()
    page.go_forward()
    expect(page.locator("#event-title")).to_contain_text("Remote explosive")
    assert_clean(page)


def test_keyboard_language_dates_and_print(page: object, demo_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    ready(page, demo_url + "/?lang=en")
    page.locator("#event-list li").first.focus()
    page.keyboard.press("ArrowDown")
    second = page.locator("#event-list li").nth(1)
    expect(second).to_be_focused()
    expect(page.locator("#detail")).to_have_attribute("data-event-id", second.get_attribute("data-event-id") or "?")
    assert f"event={second.get_attribute('data-event-id')}" in page.url
    page.keyboard.press("End")
    expect(page.locator("#event-list li").last).to_have_class("selected")
    page.keyboard.press("Home")
    expect(page.locator("#event-list li").first).to_have_attribute("aria-selected", "true")
    page.click("#lang")
    expect(page.locator("#filters-title")).to_have_text("Filter")
    assert page.evaluate("document.documentElement.lang") == "de"
    agreements = page.locator("#event-list li", has_text="Agreement")
    expect(agreements).to_have_count(2)  # the ceasefire of March 2024 and the earlier one told as background
    expect(agreements.filter(has_text="10.03.2024")).to_have_count(1)
    expect(agreements.filter(has_text="Mai 2023")).to_have_count(1)
    page.locator("#event-list li", has_text="Air/drone strike").click()
    page.click("#open-print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.locator("#map")).to_be_hidden()
    expect(page.locator("#event-sources li")).to_have_count(3)
    expect(page.locator("#do-print")).to_have_text("Drucken")
    assert "print=1" in page.url
    page.screenshot(path=str(ARTIFACTS / "12-print-view.png"), full_page=True)
    assert_clean(page)


CONTRAST = r"""() => {
  const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (node) => {
    let colour = [255, 255, 255];
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0)) { layers.push(c); if (c.length === 3 || c[3] >= 1) break; }
    }
    for (const c of layers.reverse()) { const a = c.length > 3 ? c[3] : 1; colour = colour.map((v, i) => v * (1 - a) + c[i] * a); }
    return colour;
  };
  const low = [];
  for (const node of document.querySelectorAll('body *')) {
    if (!node.offsetParent && node.tagName !== 'BODY') continue;
    const own = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    if (!own || node.closest('svg')) continue;
    const style = getComputedStyle(node);
    if (style.visibility === 'hidden') continue;
    const fg = parse(style.color), bg = background(node);
    const [a, b] = [lum(fg.slice(0, 3)), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) low.push([node.tagName, node.textContent.trim().slice(0, 30), ratio.toFixed(2)]);
  }
  return low;
}"""


def test_text_contrast_meets_wcag_aa(page: object, demo_url: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    ready(page, demo_url + "/")
    page.locator("#event-list li", has_text="Air/drone strike").click()
    page.wait_for_selector("#event-sources li")
    assert page.evaluate(CONTRAST) == []
    page.locator("#open-story").click()
    page.wait_for_selector("table.claims")
    assert page.evaluate(CONTRAST) == []
    assert_clean(page)
