// lagebild web page: the timeline chart. Fatalities (the most conservative claim) or events per day,
// week or month, stacked by ACLED event type; the claims' range on hover; drag to choose a range
// (brushing), click a bar to choose its day, week or month. The time axis picks the step of its
// labels (days, weeks, months, years) from the measured width of a label, so labels never overlap;
// a last pass drops any label that would still touch its neighbour.
"use strict";

(function () {
  const NS = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const HEIGHT = 130, TOP = 14, BOTTOM = 22, LEFT = 44, RIGHT = 8, GAP = 10;
  const STEPS = [
    ["day", 1], ["day", 2], ["week", 1], ["week", 2], ["month", 1], ["month", 2], ["month", 3], ["month", 6],
    ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 25], ["year", 50],
  ];
  const APPROX_DAYS = { day: 1, week: 7, month: 30.44, year: 365.25 };

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  const toDay = (iso) => Math.floor(Date.parse(iso.slice(0, 10) + "T00:00:00Z") / DAY);
  const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);

  // Tick days in [first, last) for a step: days, Mondays, first days of months, first days of years.
  function ticks(first, last, unit, every) {
    const out = [];
    if (unit === "day") {
      for (let d = Math.ceil(first / every) * every; d < last; d += every) out.push(d);
    } else if (unit === "week") {
      let d = first + ((4 - first) % 7 + 7) % 7; // 1970-01-05 (day 4) was a Monday
      for (; d < last; d += 7) if (Math.floor((d - 4) / 7) % every === 0) out.push(d);
    } else {
      const start = new Date(first * DAY);
      let year = start.getUTCFullYear(), month = unit === "year" ? 0 : start.getUTCMonth();
      for (;;) {
        const d = Math.floor(Date.UTC(year, month, 1) / DAY);
        if (d >= last) break;
        const wanted = unit === "month" ? (year * 12 + month) % every === 0 : month === 0 && year % every === 0;
        if (d >= first && wanted) out.push(d);
        if (unit === "month") { month += 1; if (month === 12) { month = 0; year += 1; } } else year += 1;
      }
    }
    return out;
  }

  function labelFormat(unit, spansYears) {
    const i18n = window.LB_I18N;
    const options = unit === "year" ? { year: "numeric" }
      : unit === "month" ? { month: "short", year: "numeric" }
        : spansYears ? { day: "numeric", month: "short", year: "2-digit" } : { day: "numeric", month: "short" };
    const format = new Intl.DateTimeFormat(i18n.locale(), { ...options, timeZone: "UTC" });
    return (day) => format.format(new Date(day * DAY));
  }

  // The widest label a step would draw, measured with the axis font.
  function widest(days, format, font) {
    const context = document.createElement("canvas").getContext("2d");
    context.font = font;
    let max = 0;
    for (const day of days.length > 60 ? days.filter((_, i) => i % Math.ceil(days.length / 60) === 0) : days) {
      max = Math.max(max, context.measureText(format(day)).width);
    }
    return max;
  }

  function chooseStep(first, last, pixelsPerDay, spansYears, font) {
    for (const [unit, every] of STEPS) {
      const spacing = APPROX_DAYS[unit] * every * pixelsPerDay * (unit === "month" ? 28 / 30.44 : 1);
      if (spacing < 12) continue;
      const days = ticks(first, last, unit, every);
      const format = labelFormat(unit, spansYears);
      if (widest(days, format, font) + GAP <= spacing) return { unit, every, days, format };
    }
    const days = ticks(first, last, "year", 100);
    return { unit: "year", every: 100, days, format: labelFormat("year", true) };
  }

  // Drop labels whose box touches the one kept before it or leaves the chart (a safety net).
  function thin(labels, width) {
    let right = -Infinity;
    for (const label of labels) {
      const box = label.getBBox();
      if (box.x < right + GAP / 2 || box.x < 0 || box.x + box.width > width) label.remove();
      else right = box.x + box.width;
    }
  }

  /**
   * Draw the chart into ``box``. ``overview``: the /api/overview answer; ``options``: {measure
   * ("fatalities" | "events"), types (the order of the stack), slug(type), onRange(from, to)}.
   */
  function draw(box, overview, options) {
    const i18n = window.LB_I18N;
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!overview.range_from || !overview.range_to || !overview.buckets.length) {
      const empty = document.createElement("p");
      empty.className = "muted";
      empty.textContent = i18n.t("no_dated");
      box.append(empty);
      return;
    }
    const width = Math.max(200, box.clientWidth || 300);
    const first = toDay(overview.range_from), last = toDay(overview.range_to) + 1;
    const plotWidth = width - LEFT - RIGHT, plotHeight = HEIGHT - TOP - BOTTOM;
    const x = (day) => LEFT + ((day - first) / (last - first)) * plotWidth;
    const dayAt = (px) => Math.max(first, Math.min(last - 1, first + Math.floor(((px - LEFT) / plotWidth) * (last - first))));
    const chart = svg("svg", { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img",
      "aria-label": `${i18n.t("timeline")}: ${i18n.dateRange(overview.range_from, overview.range_to)}` });
    chart.classList.add("timeline-chart");
    box.append(chart);

    const measure = options.measure === "events" ? "events" : "fatalities_low";
    const stacks = new Map();
    for (const bucket of overview.buckets) {
      if (!stacks.has(bucket.start)) stacks.set(bucket.start, []);
      stacks.get(bucket.start).push(bucket);
    }
    let max = 0;
    for (const parts of stacks.values()) max = Math.max(max, parts.reduce((sum, b) => sum + b[measure], 0));
    const scale = max > 0 ? plotHeight / max : 0;
    chart.append(svg("line", { x1: LEFT, x2: width - RIGHT, y1: TOP + plotHeight + 0.5, y2: TOP + plotHeight + 0.5, class: "baseline" }));
    chart.append(svg("text", { x: LEFT - 4, y: TOP + 4, "text-anchor": "end", class: "axis y-max" }, i18n.number(max)));
    chart.append(svg("text", { x: LEFT - 4, y: TOP + plotHeight, "text-anchor": "end", class: "axis" }, "0"));
    const order = (type) => { const i = options.types.indexOf(type); return i < 0 ? options.types.length : i; };
    const bars = svg("g", { class: "bars" });
    for (const [start, parts] of stacks) {
      parts.sort((a, b) => order(a.type) - order(b.type));
      const x0 = x(toDay(start)), x1 = x(toDay(parts[0].end) + 1);
      let y = TOP + plotHeight;
      for (const part of parts) {
        const value = part[measure];
        const h = value * scale;
        const rect = svg("rect", { x: x0 + 0.5, width: Math.max(1, x1 - x0 - 1), y: y - Math.max(h, value > 0 ? 1 : 0), height: Math.max(h, value > 0 ? 1 : 0) });
        rect.classList.add("bar", "t-" + options.slug(part.type));
        rect.dataset.from = part.start; rect.dataset.to = part.end; rect.dataset.type = part.type;
        rect.dataset.low = String(part.fatalities_low); rect.dataset.high = String(part.fatalities_high);
        const values = { type: part.type, range: i18n.dateRange(part.start, part.end), low: i18n.number(part.fatalities_low),
          high: i18n.number(part.fatalities_high), n: i18n.number(part.events) };
        rect.append(svg("title", {}, i18n.t(measure === "events" ? "bar_title_events" : "bar_title", values)));
        bars.append(rect);
        y -= Math.max(h, value > 0 ? 1 : 0);
      }
    }
    chart.append(bars);

    const font = getComputedStyle(chart).font || "11px sans-serif";
    const axisFont = `${getComputedStyle(chart).fontSize || "11px"} ${getComputedStyle(chart).fontFamily || "sans-serif"}`;
    const spansYears = new Date(first * DAY).getUTCFullYear() !== new Date((last - 1) * DAY).getUTCFullYear();
    const step = chooseStep(first, last, plotWidth / (last - first), spansYears, font.includes("px") ? font : axisFont);
    chart.dataset.step = `${step.unit}:${step.every}`;
    chart.dataset.unit = overview.unit;
    const axis = svg("g", { class: "x-axis" });
    chart.append(axis);
    const labels = [];
    for (const day of step.days) {
      axis.append(svg("line", { x1: x(day), x2: x(day), y1: TOP + plotHeight, y2: TOP + plotHeight + 4, class: "tick" }));
      const label = svg("text", { x: x(day), y: HEIGHT - 6, "text-anchor": "middle", class: "axis tick-label" }, step.format(day));
      label.dataset.day = isoOf(day);
      axis.append(label);
      labels.push(label);
    }
    thin(labels, width);

    // brushing: drag over the chart to choose a range; a click chooses the bar under the pointer
    const brush = svg("rect", { y: TOP, height: plotHeight, x: 0, width: 0, class: "brush" });
    chart.append(brush);
    let anchor = null;
    const localX = (event) => event.clientX - chart.getBoundingClientRect().left;
    chart.addEventListener("pointerdown", (event) => {
      anchor = localX(event);
      chart.setPointerCapture(event.pointerId);
      brush.setAttribute("x", String(anchor)); brush.setAttribute("width", "0");
    });
    chart.addEventListener("pointermove", (event) => {
      if (anchor === null) return;
      const now = localX(event);
      brush.setAttribute("x", String(Math.min(anchor, now))); brush.setAttribute("width", String(Math.abs(now - anchor)));
    });
    chart.addEventListener("pointerup", (event) => {
      if (anchor === null) return;
      const now = localX(event);
      const start = anchor;
      anchor = null;
      brush.setAttribute("width", "0");
      if (Math.abs(now - start) < 4) {
        const target = [...bars.children].find((rect) => {
          const left = Number(rect.getAttribute("x")), right = left + Number(rect.getAttribute("width"));
          return left - 1 <= now && now <= right + 1;
        });
        if (target) options.onRange(target.dataset.from, target.dataset.to);
        return;
      }
      options.onRange(isoOf(dayAt(Math.min(start, now))), isoOf(dayAt(Math.max(start, now))));
    });
  }

  window.LB_Timeline = { draw, ticks };
})();
