// lagebild web page: map of events (Leaflet, offline country borders from world-atlas), timeline,
// filters, event details with conflicting figures, article text with its facts highlighted.
// Article text and every value from the API is untrusted: the DOM is built with textContent and
// createElement only — never innerHTML — and links are only made for http(s) URLs.
"use strict";

(function () {
  const state = { events: [], markers: new Map(), selected: null, facets: null };

  // --- DOM helpers ------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const $ = (id) => document.getElementById(id);
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function safeLink(url, label) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return el("a", { href: parsed.href, rel: "noopener noreferrer nofollow", target: "_blank" }, label || parsed.href);
      }
    } catch (e) { /* not a URL */ }
    return document.createTextNode(label || String(url));
  }
  function range(low, high) {
    if (low === null || low === undefined) return "–";
    return high !== null && high !== undefined && high !== low ? `${low}–${high}` : String(low);
  }

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.statusText);
      throw new Error(`${response.status}: ${detail}`);
    }
    return body;
  }
  function showError(error) {
    clear($("detail")).append(el("p", { class: "error" }, String(error.message || error)));
  }

  // --- map --------------------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, preferCanvas: false }).setView([30, 30], 3);
  map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
  const markerLayer = L.featureGroup().addTo(map);

  async function loadBasemap() {
    const world = await fetch("/static/vendor/countries-50m.json").then((r) => r.json());
    const countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, { interactive: false, className: "country" }).addTo(map);
    markerLayer.bringToFront();
  }

  function drawMarkers(events) {
    markerLayer.clearLayers();
    state.markers.clear();
    for (const event of events) {
      const place = event.place;
      if (!place || place.lat === null || place.lon === null) continue;
      const deaths = event.fatalities && event.fatalities.high !== null ? event.fatalities.high : 0;
      const marker = L.circleMarker([place.lat, place.lon], {
        radius: 6 + Math.min(12, Math.log2(1 + (deaths || 0)) * 2), className: "event-marker", bubblingMouseEvents: false,
      });
      const tip = el("span", {}, `${event.sub_type || event.type} · ${place.name || place.text || ""} · ${(event.date && event.date.value) || "?"}`);
      marker.bindTooltip(tip);
      marker.on("click", () => selectEvent(event.id));
      marker.addTo(markerLayer);
      const path = marker.getElement();
      if (path) { path.dataset.eventId = event.id; path.setAttribute("aria-label", tip.textContent); }
      state.markers.set(event.id, marker);
    }
  }

  // --- filters, list, timeline ------------------------------------------------------------------
  function filterParams() {
    const params = {
      type: $("f-type").value, date_from: $("f-from").value, date_to: $("f-to").value,
      actor: $("f-actor").value.trim().length >= 2 ? $("f-actor").value.trim() : "", story: $("f-story").value, limit: 500,
    };
    if ($("f-bbox").checked) {
      const b = map.getBounds();
      const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
      params.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
    }
    return params;
  }

  async function loadEvents() {
    try {
      const page = await api("/api/events", filterParams());
      state.events = page.items;
      $("event-count").textContent = `(${page.total})`;
      drawMarkers(page.items);
      drawList(page.items);
      drawTimeline(page.items);
    } catch (error) { showError(error); }
  }

  function drawList(events) {
    const list = clear($("event-list"));
    for (const event of events) {
      const place = event.place ? (event.place.name || event.place.text) : "no place";
      const item = el("li", { dataset: { eventId: event.id }, tabindex: 0, onclick: () => selectEvent(event.id),
        onkeydown: (e) => { if (e.key === "Enter") selectEvent(event.id); } },
      el("strong", {}, (event.date && event.date.value) || "?"), " ", event.sub_type || event.type, " · ", place,
      event.fatalities ? ` · ${range(event.fatalities.low, event.fatalities.high)} killed` : "",
      event.conflicts && event.conflicts.length ? " ⚠" : "");
      if (event.id === state.selected) item.classList.add("selected");
      list.append(item);
    }
  }

  function drawTimeline(events) {
    const box = clear($("timeline"));
    const days = events.map((e) => e.date && e.date.value && e.date.value.length >= 10 ? e.date.value.slice(0, 10) : null).filter(Boolean);
    if (!days.length) { box.append(el("p", { class: "muted" }, "no dated events")); return; }
    const toDay = (s) => Math.floor(Date.parse(s + "T00:00:00Z") / 86400000);
    const first = Math.min(...days.map(toDay)), last = Math.max(...days.map(toDay));
    const span = last - first + 1;
    const bucket = span <= 60 ? 1 : span <= 420 ? 7 : 30;
    const counts = new Map();
    for (const d of days) { const b = Math.floor((toDay(d) - first) / bucket); counts.set(b, (counts.get(b) || 0) + 1); }
    const buckets = Math.floor((last - first) / bucket) + 1;
    const max = Math.max(...counts.values());
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${buckets * 10} 70`);
    svg.setAttribute("preserveAspectRatio", "none");
    for (const [b, n] of counts) {
      const rect = document.createElementNS(ns, "rect");
      const h = 6 + (50 * n) / max;
      rect.setAttribute("x", String(b * 10 + 1)); rect.setAttribute("width", "8");
      rect.setAttribute("y", String(56 - h)); rect.setAttribute("height", String(h));
      const from = new Date((first + b * bucket) * 86400000).toISOString().slice(0, 10);
      const to = new Date((first + b * bucket + bucket - 1) * 86400000).toISOString().slice(0, 10);
      const title = document.createElementNS(ns, "title");
      title.textContent = `${from}${bucket > 1 ? " – " + to : ""}: ${n} event(s)`;
      rect.append(title);
      rect.dataset.from = from; rect.dataset.to = to;
      rect.addEventListener("click", () => { $("f-from").value = from; $("f-to").value = to; loadEvents(); });
      svg.append(rect);
    }
    for (const [x, label, anchor] of [[0, days.reduce((a, b) => (a < b ? a : b)), "start"], [buckets * 10, days.reduce((a, b) => (a > b ? a : b)), "end"]]) {
      const text = document.createElementNS(ns, "text");
      text.setAttribute("x", String(x)); text.setAttribute("y", "68"); text.setAttribute("text-anchor", anchor);
      text.setAttribute("class", "axis"); text.textContent = label;
      svg.append(text);
    }
    box.append(svg);
  }

  async function loadFacets() {
    const facets = await api("/api/facets");
    state.facets = facets;
    $("stats").textContent = `${facets.articles} articles · ${facets.events} events · ${facets.stories} stories`;
    const types = [...new Set(facets.types.map((t) => t.type))];
    const select = $("f-type");
    for (const type of types) select.append(el("option", { value: type }, type));
    const stories = await api("/api/stories", { limit: 200 });
    for (const story of stories.items) {
      $("f-story").append(el("option", { value: story.id }, `${(story.keywords || []).slice(0, 3).join(", ") || story.id} (${story.doc_ids.length})`));
    }
  }

  // --- event detail -----------------------------------------------------------------------------
  function claimTable(groups, caption) {
    const table = el("table", { class: "conflict" }, el("caption", {}, caption),
      el("tr", {}, el("th", {}, "what"), el("th", {}, "figure"), el("th", {}, "number"), el("th", {}, "claimed by"), el("th", {}, "article")));
    for (const group of groups) {
      for (const figure of group.figures) {
        table.append(el("tr", {},
          el("td", {}, `${group.category}${group.place ? " · " + group.place : ""}`),
          el("td", {}, el("button", { class: "link", type: "button", onclick: () => openArticle(figure.doc_id, figure.start, figure.end) }, figure.text)),
          el("td", { class: "number" }, range(figure.low, figure.high)),
          el("td", {}, figure.claimant ? figure.claimant.text : "unattributed"),
          el("td", {}, figure.doc_id)));
      }
    }
    return table;
  }

  async function selectEvent(id) {
    state.selected = id;
    for (const [eventId, marker] of state.markers) {
      const path = marker.getElement();
      if (path) path.classList.toggle("selected", eventId === id);
    }
    for (const li of $("event-list").children) li.classList.toggle("selected", li.dataset.eventId === id);
    let event;
    try { event = await api(`/api/events/${encodeURIComponent(id)}`); } catch (error) { showError(error); return; }
    const place = event.place || {};
    const detail = clear($("detail"));
    detail.dataset.eventId = event.id;
    detail.append(
      el("h2", { id: "event-title" }, `${event.type} · ${event.sub_type}`),
      el("p", {}, `${(event.date && event.date.value) || "date unknown"} · ${place.name || place.text || "place unknown"}${place.country ? " (" + place.country + ")" : ""} · ${event.status}`),
      event.actors && event.actors.length ? el("p", {}, "Actors: ", event.actors.join("; ")) : null,
      el("p", {}, "Fatalities: ", event.fatalities ? `${range(event.fatalities.low, event.fatalities.high)} (most conservative: ${event.fatalities.low ?? "–"})` : "none reported"),
    );
    if (event.conflicts && event.conflicts.length) detail.append(claimTable(event.conflicts, "Conflicting figures, side by side"));
    detail.append(el("h2", {}, `Sources (${event.sources.length})`));
    const list = el("ol", { id: "event-sources" });
    for (const source of event.sources) {
      list.append(el("li", {},
        el("button", { class: "link source-link", type: "button", dataset: { docId: source.doc_id }, onclick: () => openArticle(source.doc_id, source.start, source.end) },
          source.title || source.doc_id),
        ` · ${source.source || "unknown source"} · ${source.published || "?"}`,
        el("blockquote", {}, source.text)));
    }
    detail.append(list);
  }

  // --- article with highlighted facts -----------------------------------------------------------
  function factSpans(article) {
    const spans = [];
    const add = (kind, part, label) => { if (part && Number.isInteger(part.start) && part.end > part.start) spans.push({ kind, start: part.start, end: part.end, label }); };
    for (const p of article.places || []) add("place", p, `place: ${p.name}${p.country ? " (" + p.country + ")" : ""}${p.role ? " · " + p.role : ""}`);
    for (const t of article.times || []) {
      add("time", t, `time: ${t.value}`);
      add("signal", t.signal, `signal of "${t.text}"${t.signal_role ? ": " + t.signal_role : ""}`);
    }
    for (const f of article.figures || []) {
      add("figure", f, `figure: ${range(f.low, f.high)} ${f.category}${f.claimant ? " · claimed by " + f.claimant.text : ""}`);
      add("claimant", f.claimant, `claimant of "${f.text}"`);
    }
    for (const q of article.quotes || []) {
      add("quote", q, `${q.kind} quote${q.speaker ? " · speaker: " + q.speaker.text : ""}`);
      add("speaker", q.speaker, "speaker");
      add("cue", q.cue, "speech cue");
    }
    return spans;
  }

  function highlightedText(text, spans, focus) {
    const all = focus ? [...spans, { kind: "evidence", start: focus[0], end: focus[1], label: "evidence of the event" }] : spans;
    const cuts = new Set([0, text.length]);
    for (const s of all) { cuts.add(Math.max(0, Math.min(text.length, s.start))); cuts.add(Math.max(0, Math.min(text.length, s.end))); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = el("div", { class: "article-text", id: "article-text" });
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(a, b);
      const covering = all.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
      const kinds = [...new Set(covering.map((s) => s.kind))];
      out.append(el("mark", { class: "hl " + kinds.map((k) => "hl-" + k).join(" "), title: covering.map((s) => s.label).join("\n"), dataset: { start: a, end: b } }, piece));
    }
    return out;
  }

  async function openArticle(docId, start, end) {
    let article;
    try { article = await api(`/api/articles/${encodeURIComponent(docId)}`); } catch (error) { showError(error); return; }
    const detail = clear($("detail"));
    detail.dataset.docId = article.id;
    const back = state.selected ? el("button", { class: "link", type: "button", onclick: () => selectEvent(state.selected) }, "← back to the event") : null;
    detail.append(back || "",
      el("h2", { id: "article-title" }, article.title || article.id),
      el("p", { class: "muted" }, `${article.source || "unknown source"} · ${article.published || "date unknown"} · `, article.url ? safeLink(article.url, "original") : "no URL"),
      el("p", { class: "legend" }, ...["place", "time", "figure", "claimant", "quote", "speaker"].map((k) => el("mark", { class: `hl hl-${k}` }, k)),
        Number.isInteger(start) ? el("mark", { class: "hl hl-evidence" }, "event evidence") : ""));
    const focus = Number.isInteger(start) && Number.isInteger(end) ? [start, end] : null;
    detail.append(highlightedText(article.text, factSpans(article), focus));
    if (article.conflicts && article.conflicts.length) {
      detail.append(el("h2", {}, "Conflicting figures in this article"));
      detail.append(claimTable(article.conflicts.map((c) => ({ ...c, figures: c.figures })), "Who claims which number"));
    }
    if (article.figures && article.figures.length) {
      detail.append(el("h2", {}, "Figures"));
      const table = el("table", { id: "figure-table" }, el("tr", {}, el("th", {}, "figure"), el("th", {}, "number"), el("th", {}, "category"), el("th", {}, "claimed by")));
      for (const f of article.figures) table.append(el("tr", {}, el("td", {}, f.text), el("td", {}, range(f.low, f.high)), el("td", {}, f.category), el("td", {}, f.claimant ? f.claimant.text : "unattributed")));
      detail.append(table);
    }
    if (article.quotes && article.quotes.length) {
      detail.append(el("h2", {}, "Quotes"));
      const table = el("table", { id: "quote-table" }, el("tr", {}, el("th", {}, "speaker"), el("th", {}, "quote"), el("th", {}, "kind")));
      for (const q of article.quotes) table.append(el("tr", {}, el("td", {}, q.speaker ? q.speaker.text : "–"), el("td", {}, q.text), el("td", {}, q.kind)));
      detail.append(table);
    }
    const evidence = detail.querySelector("mark.hl-evidence");
    if (evidence) evidence.scrollIntoView({ block: "center" });
  }

  // --- search -----------------------------------------------------------------------------------
  function snippet(text) {
    const out = el("span", {});
    const parts = String(text || "").split(/([\u0002\u0003])/);
    let inside = false;
    for (const part of parts) {
      if (part === "\u0002") inside = true;
      else if (part === "\u0003") inside = false;
      else if (part) out.append(inside ? el("mark", {}, part) : document.createTextNode(part));
    }
    return out;
  }

  async function runSearch(query) {
    let result;
    try { result = await api("/api/search", { q: query, limit: 30 }); } catch (error) { showError(error); return; }
    const detail = clear($("detail"));
    detail.append(el("h2", {}, `Search: ${query}`));
    if (!result.items.length) detail.append(el("p", { class: "muted" }, "nothing found"));
    for (const hit of result.items) {
      detail.append(el("div", { class: "search-hit" },
        el("button", { class: "link", type: "button", onclick: () => openArticle(hit.id) }, hit.title || hit.id),
        el("span", { class: "muted" }, ` · ${hit.source || ""} · ${hit.published || ""}`), el("br"), snippet(hit.snippet)));
    }
  }

  // --- wiring -----------------------------------------------------------------------------------
  for (const id of ["f-type", "f-from", "f-to", "f-story", "f-bbox"]) $(id).addEventListener("change", loadEvents);
  let actorTimer = null;
  $("f-actor").addEventListener("input", () => { clearTimeout(actorTimer); actorTimer = setTimeout(loadEvents, 300); });
  $("f-reset").addEventListener("click", () => {
    for (const id of ["f-type", "f-from", "f-to", "f-actor", "f-story"]) $(id).value = "";
    $("f-bbox").checked = false;
    loadEvents();
  });
  map.on("moveend", () => { if ($("f-bbox").checked) loadEvents(); });
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); const q = $("search").value.trim(); if (q) runSearch(q); });

  Promise.all([loadBasemap().catch(showError), loadFacets().catch(showError)]).then(async () => {
    await loadEvents();
    if (markerLayer.getLayers().length) map.fitBounds(markerLayer.getBounds().pad(0.5), { maxZoom: 7 });
    document.body.dataset.ready = "true";
  });
})();
