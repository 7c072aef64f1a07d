"""The web page's first view over a store of 100,000 generated (invented) events: the requests the page
makes on load, timed one by one through the app, and the whole first view in Debian chromium (from the
request of the page to the map, chart and list drawn) where chromium is installed."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIRST_VIEW: tuple[tuple[str, str, dict[str, Any]], ...] = (  # what app.js asks for on load, in order
    ("facets", "/api/facets", {}),
    ("stories", "/api/stories", {"limit": 200}),
    ("overview", "/api/overview", {}),
    ("events_page", "/api/events", {"limit": 100}),
    ("map_view", "/api/map", {"bbox": "-180,-60,180,75", "max_points": 3000, "limit": 1500, "grid": 12}),
)


def generated_store(n: int) -> Path:
    """An SQLite store of ``n`` generated events in var/bench-stores/ (built once, then reused)."""
    from lagebild.serve.synthetic import generated_events
    from lagebild.store import CombineResult, Store

    path = REPO / "var" / "bench-stores" / f"web-{n}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.sqlite")
        partial.unlink(missing_ok=True)
        with Store.open(partial) as store:
            store.save_combined(CombineResult(events=tuple(generated_events(n, "2020-01-01", 1500))))
        partial.rename(path)
    return path


def first_view(short: bool) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from lagebild.serve.app import create_app
    from lagebild.store import Store

    n = 10_000 if short else 100_000
    started = time.perf_counter()
    path = generated_store(n)
    figures: dict[str, Any] = {"events": n, "store_build_or_open_s": round(time.perf_counter() - started, 2)}
    with Store.open(path) as store, TestClient(create_app(store)) as client:
        total = 0.0
        for name, url, params in FIRST_VIEW:
            begun = time.perf_counter()
            response = client.get(url, params=params)
            response.raise_for_status()
            seconds = time.perf_counter() - begun
            total += seconds
            figures[f"api.{name}_ms"] = round(seconds * 1000, 1)
        figures["api.first_view_ms"] = round(total * 1000, 1)
        figures["map_mode"] = client.get(FIRST_VIEW[-1][1], params=FIRST_VIEW[-1][2]).json()["mode"]
        figures.update(_browser_first_view(store))
    return figures


def _browser_first_view(store: Any) -> dict[str, Any]:
    """Seconds from asking for the page to ``body[data-ready]`` in headless Debian chromium (median of 3)."""
    import uvicorn

    from lagebild.serve.app import create_app

    if not Path("/usr/bin/chromium").exists():
        return {"browser.first_view_s": None}
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1500, "height": 900})
                begun = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("body[data-ready=true]", timeout=60_000)
                times.append(time.perf_counter() - begun)
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    times.sort()
    return {"browser.first_view_s": round(times[1], 2), "browser.first_view_runs_s": [round(t, 2) for t in times]}
