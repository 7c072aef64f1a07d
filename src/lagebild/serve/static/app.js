// lagebild web page: map of events (Leaflet, offline country borders from world-atlas, clusters from
// Leaflet.markercluster), the timeline chart (timeline.js), filters and the selected event in the URL,
// a keyboard-navigable event list, event details with conflicting figures and a print view, the story
// view with claims over time (story.js), article text with its facts highlighted, labels in German and
// English (i18n.js).
// Article text and every value from the API is untrusted: the DOM is built with textContent and
// createElement only — never innerHTML — and links are only made for http(s) URLs.
"use strict";

(function () {
  const i18n = window.LB_I18N;
  const t = i18n.t;
  const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests", "Strategic developments"];
  const CLUSTER_ABOVE = 300; // markers cluster above this many in view
  const MAX_POINTS = 3000; // more in view: grid cells from the server
  const PAGE = 100;
  const FILTERS = { type: "f-type", from: "f-from", to: "f-to", actor: "f-actor", story: "f-story" };
  const state = { selected: null, panel: null, lang: "en", measure: "fatalities", inView: false, print: false,
    markers: new Map(), listOffset: 0, storyIds: new Set(), sequence: 0 };

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
  const range = window.LB_Story.range;
  const slug = (type) => String(type || "other").toLowerCase().replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "");

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

  // --- the URL: filters, selected event, panel, language, chart measure ---------------------------
  function readURL() {
    const params = new URLSearchParams(window.location.search);
    for (const [key, id] of Object.entries(FILTERS)) $(id).value = params.get(key) || "";
    if (params.get("story") && !state.storyIds.has(params.get("story"))) {
      $("f-story").append(el("option", { value: params.get("story") }, params.get("story")));
      $("f-story").value = params.get("story");
    }
    state.inView = params.get("inview") === "1";
    $("f-bbox").checked = state.inView;
    state.selected = params.get("event");
    state.panel = params.get("panel") === "story" ? "story" : null;
    state.measure = params.get("measure") === "events" ? "events" : "fatalities";
    $("f-measure").value = state.measure;
    state.print = params.get("print") === "1";
    state.lang = i18n.setLang(params.get("lang"));
  }

  function writeURL(push) {
    const params = new URLSearchParams();
    for (const [key, id] of Object.entries(FILTERS)) if ($(id).value.trim()) params.set(key, $(id).value.trim());
    if (state.inView) params.set("inview", "1");
    if (state.selected) params.set("event", state.selected);
    if (state.panel) params.set("panel", state.panel);
    if (state.measure !== "fatalities") params.set("measure", state.measure);
    if (state.print) params.set("print", "1");
    params.set("lang", state.lang);
    const url = `${window.location.pathname}?${params}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
  }

  function filterParams(withView) {
    const actor = $("f-actor").value.trim();
    const params = { type: $("f-type").value, date_from: $("f-from").value, date_to: $("f-to").value,
      actor: actor.length >= 2 ? actor : "", story: $("f-story").value };
    if (withView) params.bbox = viewBox();
    return params;
  }

  // --- map --------------------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: false, minZoom: 2, maxZoom: 12, preferCanvas: false }).setView([30, 30], 3);
  map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
  let markerLayer = L.featureGroup().addTo(map);

  async function loadBasemap() {
    const world = await fetch("/static/vendor/countries-50m.json").then((r) => r.json());
    const countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, { interactive: false, className: "country" }).addTo(map);
    markerLayer.bringToFront();
  }

  function viewBox() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map((v) => v.toFixed(4)).join(",");
  }

  const radius = (deaths) => 5 + Math.min(14, Math.sqrt(deaths || 0) * 1.6);

  function pointMarker(point) {
    const marker = L.circleMarker([point.lat, point.lon], { radius: radius(point.low), className: `event-marker t-${slug(point.type)}`, bubblingMouseEvents: false });
    const label = `${point.sub_type || point.type} · ${point.place || ""} · ${i18n.date(point.date) || "?"}${point.low !== null ? " · " + range(point.low, point.high) + " " + t("killed") : ""}`;
    marker.bindTooltip(label);
    marker.on("click", () => selectEvent(point.id, { push: true }));
    marker.on("add", () => {
      const path = marker.getElement();
      if (path) { path.dataset.eventId = point.id; path.setAttribute("aria-label", label); path.classList.toggle("selected", point.id === state.selected); }
    });
    state.markers.set(point.id, marker);
    return marker;
  }

  function cellMarker(cell) {
    const size = 26 + Math.min(24, Math.log10(cell.events) * 8);
    const icon = L.divIcon({ className: `map-cell t-${slug(cell.type)}`, iconSize: [size, size], html: "" });
    const marker = L.marker([cell.lat, cell.lon], { icon, keyboard: true, title: t("cells_hint", { n: i18n.number(cell.events) }) });
    marker.on("add", () => { const node = marker.getElement(); if (node) node.append(el("span", {}, i18n.number(cell.events))); });
    const [w, s, e, n] = cell.bounds;
    marker.on("click", () => map.fitBounds([[s, w], [n, e]]));
    return marker;
  }

  async function loadViewport() {
    const sequence = ++state.sequence;
    const size = map.getSize();
    const grid = Math.max(4, Math.min(64, Math.round(Math.min(size.x, size.y) / 64)));
    const base = { ...filterParams(true), max_points: MAX_POINTS, limit: 1500, grid };
    let answer;
    try { answer = await api("/api/map", base); } catch (error) { showError(error); return; }
    let points = answer.points || [];
    while (answer.mode === "points" && points.length < answer.total) {
      const next = await api("/api/map", { ...base, offset: points.length });
      if (!next.points || !next.points.length) break;
      points = points.concat(next.points);
    }
    if (sequence !== state.sequence) return; // a newer view was asked for meanwhile
    map.removeLayer(markerLayer);
    state.markers.clear();
    if (answer.mode === "cells") {
      markerLayer = L.featureGroup(answer.cells.map(cellMarker));
    } else if (points.length > CLUSTER_ABOVE) {
      markerLayer = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
      markerLayer.addLayers(points.map(pointMarker));
    } else {
      markerLayer = L.featureGroup(points.map(pointMarker));
    }
    markerLayer.addTo(map);
    document.body.dataset.mapMode = answer.mode === "cells" ? "cells" : points.length > CLUSTER_ABOVE ? "clusters" : "points";
    document.body.dataset.mapTotal = String(answer.total);
    document.body.dataset.mapBounds = viewBox();
    if (state.inView) loadList(true);
  }
  let viewTimer = null;
  const scheduleViewport = () => { clearTimeout(viewTimer); viewTimer = setTimeout(loadViewport, 120); };

  function legend() {
    const control = L.control({ position: "bottomright" });
    control.onAdd = () => {
      const box = el("div", { class: "legend map-legend", id: "map-legend" });
      box.append(el("strong", { "data-i18n": "legend" }, t("legend")));
      for (const type of TYPES) box.append(el("div", {}, el("span", { class: `swatch t-${slug(type)}` }), type));
      box.append(el("div", { class: "muted", "data-i18n": "size_by" }, t("size_by")));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  }

  // --- overview: timeline and the map's fit -----------------------------------------------------
  async function loadOverview(fit) {
    let overview;
    try { overview = await api("/api/overview", filterParams(false)); } catch (error) { showError(error); return null; }
    state.overview = overview;
    drawTimeline();
    if (fit) {
      if (overview.bounds) {
        const [w, s, e, n] = overview.bounds;
        map.fitBounds([[s, w], [n, e]], { padding: [40, 40], maxZoom: 8, animate: false });
      }
      scheduleViewport();
    }
    return overview;
  }

  function drawTimeline() {
    if (!state.overview) return;
    $("timeline-unit").textContent = `(${t("per." + state.overview.unit)})`;
    $("range-clear").hidden = !($("f-from").value || $("f-to").value);
    window.LB_Timeline.draw($("timeline"), state.overview, { measure: state.measure, types: TYPES, slug,
      onRange: (from, to) => { $("f-from").value = from; $("f-to").value = to; applyFilters(); } });
  }

  // --- event list (keyboard: arrows, Home, End, Enter) ------------------------------------------
  async function loadList(reset) {
    if (reset) state.listOffset = 0;
    let page;
    try { page = await api("/api/events", { ...filterParams(state.inView), limit: PAGE, offset: state.listOffset }); } catch (error) { showError(error); return; }
    const list = $("event-list");
    if (reset) clear(list);
    $("event-count").textContent = `(${i18n.number(page.total)})`;
    for (const event of page.items) list.append(listItem(event));
    state.listOffset += page.items.length;
    $("list-more").hidden = state.listOffset >= page.total;
    markSelected();
  }

  function listItem(event) {
    const place = event.place ? (event.place.name || event.place.text) : t("no_place");
    const item = el("li", { role: "option", tabindex: -1, dataset: { eventId: event.id }, "aria-selected": "false",
      onclick: () => selectEvent(event.id, { push: true }) },
    el("span", { class: `swatch t-${slug(event.type)}` }),
    el("strong", {}, i18n.date(event.date && event.date.value) || "?"), " ", event.sub_type || event.type, " · ", place,
    event.fatalities ? ` · ${range(event.fatalities.low, event.fatalities.high)} ${t("killed")}` : "",
    event.conflicts && event.conflicts.length ? " ⚠" : "");
    return item;
  }

  function markSelected() {
    const items = [...$("event-list").children];
    let focusable = null;
    for (const li of items) {
      const on = li.dataset.eventId === state.selected;
      li.classList.toggle("selected", on);
      li.setAttribute("aria-selected", on ? "true" : "false");
      li.tabIndex = -1;
      if (on) focusable = li;
    }
    if (focusable || items[0]) (focusable || items[0]).tabIndex = 0;
    for (const [eventId, marker] of state.markers) {
      const path = marker.getElement && marker.getElement();
      if (path) path.classList.toggle("selected", eventId === state.selected);
    }
  }

  $("event-list").addEventListener("keydown", (event) => {
    const items = [...$("event-list").children];
    const index = items.indexOf(document.activeElement);
    let next = null;
    if (event.key === "ArrowDown") next = items[Math.min(items.length - 1, index + 1)];
    else if (event.key === "ArrowUp") next = items[Math.max(0, index - 1)];
    else if (event.key === "Home") next = items[0];
    else if (event.key === "End") next = items[items.length - 1];
    else if (event.key === "Enter" || event.key === " ") { if (index >= 0) selectEvent(items[index].dataset.eventId, { push: true }); event.preventDefault(); return; }
    if (next) { event.preventDefault(); items.forEach((li) => { li.tabIndex = -1; }); next.tabIndex = 0; next.focus(); selectEvent(next.dataset.eventId, { push: true, keepFocus: true }); }
  });

  async function loadFacets() {
    const facets = await api("/api/facets");
    state.facets = facets;
    const stats = () => { $("stats").textContent = t("stats", { articles: i18n.number(facets.articles), events: i18n.number(facets.events), stories: i18n.number(facets.stories) }); };
    stats();
    state.refreshStats = stats;
    const types = [...new Set(facets.types.map((x) => x.type))];
    for (const type of types) $("f-type").append(el("option", { value: type }, type));
    const stories = await api("/api/stories", { limit: 200 });
    for (const story of stories.items) {
      state.storyIds.add(story.id);
      $("f-story").append(el("option", { value: story.id }, `${(story.keywords || []).slice(0, 3).join(", ") || story.id} (${story.doc_ids.length})`));
    }
  }

  // --- event detail -----------------------------------------------------------------------------
  function claimTable(groups, caption) {
    const table = el("table", { class: "conflict" }, el("caption", {}, caption),
      el("tr", {}, ...["what", "figure", "number", "claimed_by", "article"].map((k) => el("th", {}, t(k)))));
    for (const group of groups) {
      for (const figure of group.figures) {
        table.append(el("tr", {},
          el("td", {}, `${i18n.category(group.category)}${group.place ? " · " + group.place : ""}`),
          el("td", {}, el("button", { class: "link", type: "button", onclick: () => openArticle(figure.doc_id, figure.start, figure.end) }, figure.text)),
          el("td", { class: "number" }, range(figure.low, figure.high)),
          el("td", {}, figure.claimant ? figure.claimant.text : t("unattributed")),
          el("td", {}, figure.doc_id)));
      }
    }
    return table;
  }

  async function selectEvent(id, options) {
    const opts = options || {};
    state.selected = id;
    state.panel = null;
    if (opts.push !== undefined) writeURL(opts.push);
    markSelected();
    let event;
    try { event = await api(`/api/events/${encodeURIComponent(id)}`); } catch (error) { showError(error); return; }
    if (state.selected !== id || state.panel) return; // another event or the story view was chosen meanwhile
    const place = event.place || {};
    const detail = clear($("detail"));
    detail.dataset.eventId = event.id;
    delete detail.dataset.storyId;
    const tools = el("p", { class: "tools no-print" },
      event.story_id ? el("button", { type: "button", id: "open-story", onclick: () => showStory(event.story_id, { push: true }) }, t("story_view")) : "",
      " ", el("button", { type: "button", id: "open-print", onclick: () => setPrint(true) }, t("print_view")));
    detail.append(
      state.print ? el("p", { class: "print-only muted" }, `${t("printed_from")} · ${window.location.href}`) : "",
      el("h2", { id: "event-title" }, `${event.type} · ${event.sub_type}`),
      el("p", {}, `${i18n.date(event.date && event.date.value) || t("date_unknown")} · ${place.name || place.text || t("place_unknown")}${place.country ? " (" + place.country + ")" : ""} · ${event.status}`),
      event.actors && event.actors.length ? el("p", {}, `${t("actors")}: `, event.actors.join("; ")) : null,
      el("p", {}, `${t("fatalities")}: `, event.fatalities ? `${range(event.fatalities.low, event.fatalities.high)} (${t("most_conservative")}: ${i18n.number(event.fatalities.low)})` : t("none_reported")),
      tools);
    if (state.print) tools.prepend(el("button", { type: "button", id: "do-print", onclick: () => window.print() }, t("print")), " ",
      el("button", { type: "button", id: "close-print", onclick: () => setPrint(false) }, t("close_print")), " ");
    if (event.conflicts && event.conflicts.length) detail.append(claimTable(event.conflicts, t("conflicting")));
    detail.append(el("h2", {}, `${t("sources")} (${event.sources.length})`));
    const list = el("ol", { id: "event-sources" });
    for (const source of event.sources) {
      list.append(el("li", {},
        el("button", { class: "link source-link", type: "button", dataset: { docId: source.doc_id }, onclick: () => openArticle(source.doc_id, source.start, source.end) },
          source.title || source.doc_id),
        ` · ${source.source || t("unknown_source")} · ${i18n.date(source.published) || "?"}`,
        source.url ? [" · ", safeLink(source.url, source.url)] : "",
        el("blockquote", {}, source.text)));
    }
    detail.append(list);
    if (!opts.keepFocus && opts.scroll !== false) {
      const item = [...$("event-list").children].find((li) => li.dataset.eventId === id);
      if (item) item.scrollIntoView({ block: "nearest" });
    }
  }

  function setPrint(on) {
    state.print = on;
    document.body.classList.toggle("print-view", on);
    writeURL(true);
    map.invalidateSize();
    if (state.selected) selectEvent(state.selected);
  }

  async function showStory(storyId, options) {
    state.panel = "story";
    const push = options ? options.push : undefined;
    if ($("f-story").value !== storyId) {
      if (!state.storyIds.has(storyId)) $("f-story").append(el("option", { value: storyId }, storyId));
      $("f-story").value = storyId;
      if (push !== undefined) writeURL(push);
      await refresh(true);
    } else if (push !== undefined) writeURL(push);
    let history;
    try { history = await api(`/api/stories/${encodeURIComponent(storyId)}/history`); } catch (error) { showError(error); return; }
    window.LB_Story.render(clear($("detail")), history, { el, clear, openArticle, selectEvent: (id) => selectEvent(id, { push: true }) });
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
    const back = state.selected ? el("button", { class: "link", type: "button", onclick: () => selectEvent(state.selected) }, t("back_event")) : null;
    detail.append(back || "",
      el("h2", { id: "article-title" }, article.title || article.id),
      el("p", { class: "muted" }, `${article.source || t("unknown_source")} · ${i18n.date(article.published) || t("date_unknown")} · `, article.url ? safeLink(article.url, t("original")) : t("no_url")),
      el("p", { class: "legend" }, ...["place", "time", "figure", "claimant", "quote", "speaker"].map((k) => el("mark", { class: `hl hl-${k}` }, t("legend_kinds." + k))),
        Number.isInteger(start) ? el("mark", { class: "hl hl-evidence" }, t("evidence")) : ""));
    const focus = Number.isInteger(start) && Number.isInteger(end) ? [start, end] : null;
    detail.append(highlightedText(article.text, factSpans(article), focus));
    if (article.conflicts && article.conflicts.length) {
      detail.append(el("h2", {}, t("in_article")));
      detail.append(claimTable(article.conflicts.map((c) => ({ ...c, figures: c.figures })), t("who_claims")));
    }
    if (article.figures && article.figures.length) {
      detail.append(el("h2", {}, t("figures")));
      const table = el("table", { id: "figure-table" }, el("tr", {}, ...["figure", "number", "category", "claimed_by"].map((k) => el("th", {}, t(k)))));
      for (const f of article.figures) table.append(el("tr", {}, el("td", {}, f.text), el("td", {}, range(f.low, f.high)), el("td", {}, i18n.category(f.category)), el("td", {}, f.claimant ? f.claimant.text : t("unattributed"))));
      detail.append(table);
    }
    if (article.quotes && article.quotes.length) {
      detail.append(el("h2", {}, t("quotes")));
      const table = el("table", { id: "quote-table" }, el("tr", {}, ...["speaker", "quote", "kind"].map((k) => el("th", {}, t(k)))));
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
    detail.append(el("h2", {}, `${t("search")}: ${query}`));
    if (!result.items.length) detail.append(el("p", { class: "muted" }, t("nothing_found")));
    for (const hit of result.items) {
      detail.append(el("div", { class: "search-hit" },
        el("button", { class: "link", type: "button", onclick: () => openArticle(hit.id) }, hit.title || hit.id),
        el("span", { class: "muted" }, ` · ${hit.source || ""} · ${i18n.date(hit.published)}`), el("br"), snippet(hit.snippet)));
    }
  }

  // --- applying the state ------------------------------------------------------------------------
  async function refresh(fit) {
    await Promise.all([loadOverview(fit), loadList(true)]);
  }

  // A filter changed: a new history entry, the map fits the events shown, list and chart follow.
  async function applyFilters() {
    state.panel = $("f-story").value && state.panel === "story" ? "story" : null;
    writeURL(true);
    await refresh(true);
  }

  async function applyURL() {
    readURL();
    document.body.classList.toggle("print-view", state.print);
    map.invalidateSize();
    await refresh(true);
    if (state.panel === "story" && $("f-story").value) await showStory($("f-story").value);
    else if (state.selected) await selectEvent(state.selected);
    else clear($("detail")).append(el("p", { class: "muted", "data-i18n": "click_hint" }, t("click_hint")));
    state.refreshStats && state.refreshStats();
  }

  // --- wiring -----------------------------------------------------------------------------------
  for (const id of ["f-type", "f-from", "f-to"]) $(id).addEventListener("change", applyFilters);
  $("f-story").addEventListener("change", () => {
    if ($("f-story").value) { state.panel = "story"; state.selected = null; writeURL(true); refresh(true).then(() => showStory($("f-story").value)); }
    else applyFilters();
  });
  $("f-bbox").addEventListener("change", () => { state.inView = $("f-bbox").checked; writeURL(true); loadList(true); });
  $("f-measure").addEventListener("change", () => { state.measure = $("f-measure").value; writeURL(true); drawTimeline(); });
  let actorTimer = null;
  $("f-actor").addEventListener("input", () => { clearTimeout(actorTimer); actorTimer = setTimeout(applyFilters, 400); });
  $("f-reset").addEventListener("click", () => {
    for (const id of Object.values(FILTERS)) $(id).value = "";
    $("f-bbox").checked = false;
    state.inView = false;
    applyFilters();
  });
  $("range-clear").addEventListener("click", () => { $("f-from").value = ""; $("f-to").value = ""; applyFilters(); });
  $("list-more").addEventListener("click", () => loadList(false));
  $("lang").addEventListener("click", () => {
    state.lang = i18n.setLang(state.lang === "de" ? "en" : "de");
    writeURL(true);
    applyURL();
  });
  map.on("moveend", scheduleViewport);
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawTimeline, 150); });
  window.addEventListener("popstate", () => { applyURL(); });
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); const q = $("search").value.trim(); if (q) runSearch(q); });

  legend();
  state.lang = i18n.setLang(new URLSearchParams(window.location.search).get("lang"));
  Promise.all([loadBasemap().catch(showError), loadFacets().catch(showError)]).then(async () => {
    await applyURL();
    writeURL(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await loadViewport();
    document.body.dataset.ready = "true";
  });
})();
