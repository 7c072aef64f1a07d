// lagebild web page: the story view. A story's articles in time order and, for each of its combined
// events and figure kinds, how the claimed numbers changed from report to report: a step chart and a
// table with the date, source, number, change, claimant and the sentence behind each number.
// Values from the API are untrusted: text only, never markup.
"use strict";

(function () {
  const NS = "http://www.w3.org/2000/svg";

  function range(low, high) {
    const n = window.LB_I18N.number;
    if (low === null || low === undefined) return "–";
    return high !== null && high !== undefined && high !== low ? `${n(low)}–${n(high)}` : n(low);
  }

  // The sentence with the number (and its claimant) marked, offsets relative to the article.
  function sentence(el, claim) {
    const s = claim.sentence;
    if (!s) return el("span", { class: "muted" }, claim.text);
    const marks = [{ start: claim.start, end: claim.end, cls: "hl hl-figure" }];
    if (claim.claimant_span) marks.push({ start: claim.claimant_span.start, end: claim.claimant_span.end, cls: "hl hl-claimant" });
    const cuts = new Set([s.start, s.end]);
    for (const m of marks) { cuts.add(Math.max(s.start, Math.min(s.end, m.start))); cuts.add(Math.max(s.start, Math.min(s.end, m.end))); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = el("q", { class: "claim-sentence" });
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = s.text.slice(a - s.start, b - s.start);
      const covering = marks.filter((m) => m.start <= a && m.end >= b);
      out.append(covering.length ? el("mark", { class: covering.map((m) => m.cls).join(" ") }, piece) : document.createTextNode(piece));
    }
    return out;
  }

  // A step chart of the conservative number claim by claim (x: report order), the range as a band.
  function stepChart(series) {
    const claims = series.claims;
    const width = 260, height = 70, pad = 8;
    const values = claims.flatMap((c) => [c.low, c.high].filter((v) => v !== null && v !== undefined));
    const max = Math.max(1, ...values);
    const x = (i) => pad + (claims.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (claims.length - 1));
    const y = (v) => height - pad - (v / max) * (height - 2 * pad);
    const chart = document.createElementNS(NS, "svg");
    chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
    chart.setAttribute("class", "claim-chart");
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", claims.map((c) => `${c.low}`).join(" → "));
    let path = "";
    claims.forEach((claim, i) => {
      if (claim.low === null || claim.low === undefined) return;
      path += `${path ? "L" : "M"}${x(i).toFixed(1)},${y(claim.low).toFixed(1)} `;
    });
    const line = document.createElementNS(NS, "path");
    line.setAttribute("d", path.trim());
    line.setAttribute("class", "claim-line");
    chart.append(line);
    claims.forEach((claim, i) => {
      if (claim.low === null || claim.low === undefined) return;
      if (claim.high !== null && claim.high !== undefined && claim.high !== claim.low) {
        const band = document.createElementNS(NS, "line");
        for (const [k, v] of [["x1", x(i)], ["x2", x(i)], ["y1", y(claim.low)], ["y2", y(claim.high)]]) band.setAttribute(k, String(v));
        band.setAttribute("class", "claim-range");
        chart.append(band);
      }
      const dot = document.createElementNS(NS, "circle");
      dot.setAttribute("cx", String(x(i))); dot.setAttribute("cy", String(y(claim.low))); dot.setAttribute("r", "4");
      dot.setAttribute("class", "claim-dot");
      const title = document.createElementNS(NS, "title");
      title.textContent = `${range(claim.low, claim.high)} · ${claim.claimant || window.LB_I18N.t("unattributed")}`;
      dot.append(title);
      chart.append(dot);
    });
    return chart;
  }

  /** Render ``history`` (GET /api/stories/{id}/history) into ``box``; helpers: {el, clear, openArticle, selectEvent}. */
  function render(box, history, helpers) {
    const { el, clear, openArticle, selectEvent } = helpers;
    const i18n = window.LB_I18N;
    const t = i18n.t;
    clear(box);
    box.dataset.storyId = history.id;
    box.append(el("h2", { id: "story-title" }, `${t("story")}: ${(history.keywords || []).slice(0, 4).join(", ") || history.id}`),
      el("p", { class: "muted" }, i18n.dateRange(history.first_published, history.last_published)));
    box.append(el("h3", {}, t("story_articles")));
    const articles = el("ol", { id: "story-articles" });
    for (const article of history.articles) {
      articles.append(el("li", { dataset: { docId: article.id } },
        el("time", { datetime: article.published || "" }, i18n.date(article.published) || "?"), " · ",
        el("button", { class: "link", type: "button", onclick: () => openArticle(article.id) }, article.title || article.id),
        ` · ${article.source || t("unknown_source")}`));
    }
    box.append(articles);
    box.append(el("h3", {}, t("claims_over_time")));
    for (const event of history.events) {
      const section = el("section", { class: "claim-event", dataset: { eventId: event.event_id } },
        el("h4", {}, el("button", { class: "link", type: "button", onclick: () => selectEvent(event.event_id) },
          `${event.type} · ${event.sub_type}`), ` · ${event.place || t("place_unknown")} · ${i18n.date(event.date) || t("date_unknown")}`));
      if (!event.series.length) section.append(el("p", { class: "muted" }, t("no_claims")));
      for (const series of event.series) {
        const head = el("p", { class: "series-head" }, el("strong", {}, i18n.category(series.category)), ": ",
          series.claims.map((c) => range(c.low, c.high)).join(" → "));
        const table = el("table", { class: "claims", dataset: { category: series.category } },
          el("tr", {}, ...["reported", "source", "number", "change", "claimed_by"].map((k) => el("th", {}, t(k === "source" ? "article" : k)))));
        for (const claim of series.claims) {
          const parts = (claim.parts || []).map((p) => p.text).join(", ");
          table.append(el("tr", { class: "claim", dataset: { docId: claim.doc_id, change: claim.change } },
            el("td", {}, el("time", { datetime: claim.published || "" }, i18n.date(claim.published) || "?")),
            el("td", {}, el("button", { class: "link", type: "button", onclick: () => openArticle(claim.doc_id, claim.start, claim.end) },
              claim.source || claim.title || claim.doc_id)),
            el("td", { class: "number" }, range(claim.low, claim.high), parts ? el("span", { class: "muted" }, ` (${t("including")} ${parts})`) : ""),
            el("td", { class: "change" }, t(claim.change)),
            el("td", { class: "claimant" }, claim.claimant || t("unattributed"))),
          el("tr", { class: "claim-sentence-row" }, el("td", { colspan: 5 }, sentence(el, claim))));
        }
        section.append(head, stepChart(series), table);
      }
      box.append(section);
    }
  }

  window.LB_Story = { render, range };
})();
