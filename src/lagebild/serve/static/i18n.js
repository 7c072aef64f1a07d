// lagebild web page: German and English labels, dates and numbers in the user's format.
// The ACLED event types and sub-types stay in ACLED's English names (the codebook's terms).
"use strict";

(function () {
  const LABELS = {
    en: {
      title: "lagebild – situation picture", search_placeholder: "Search articles (e.g. Luftangriff Aleppo)",
      search: "Search", search_label: "Search articles", api: "REST API", filters: "Filters", event_type: "Event type",
      all: "all", from: "From", to: "To", actor: "Actor", actor_placeholder: "part of a name", story: "Story",
      in_view: "only what the map shows", reset: "Reset", timeline: "Timeline", events: "Events", more: "More",
      measure: "Chart", measure_fatalities: "fatalities (most conservative)", measure_events: "events",
      click_hint: "Click an event on the map or in the list.", no_dated: "no dated events", no_place: "no place",
      killed: "killed", stats: "{articles} articles · {events} events · {stories} stories", language: "Deutsch",
      language_label: "Sprache: Deutsch", date_unknown: "date unknown", place_unknown: "place unknown",
      actors: "Actors", fatalities: "Fatalities", none_reported: "none reported", most_conservative: "most conservative",
      conflicting: "Conflicting figures, side by side", what: "what", figure: "figure", number: "number",
      claimed_by: "claimed by", article: "article", unattributed: "unattributed", sources: "Sources",
      unknown_source: "unknown source", back_event: "← back to the event", original: "original", no_url: "no URL",
      evidence: "event evidence", in_article: "Conflicting figures in this article", who_claims: "Who claims which number",
      figures: "Figures", category: "category", quotes: "Quotes", speaker: "speaker", quote: "quote", kind: "kind",
      nothing_found: "nothing found", story_view: "Story: claims over time", print_view: "Print view",
      print: "Print", close_print: "Close the print view", story_articles: "Articles in time order",
      claims_over_time: "Claims over time", reported: "reported", change: "change", sentence: "sentence",
      no_claims: "no figures reported for this event", first: "first report", up: "higher", down: "lower",
      same: "same", unknown: "?", including: "including", range_hint: "range of the claims: {low}–{high}",
      legend: "Legend", size_by: "size: fatalities", cells_hint: "{n} events in this area: zoom in",
      per: { day: "per day", week: "per week", month: "per month" }, clear_range: "All dates",
      event_count: "{n} events", bar_title: "{type} · {range}: {low} killed (claims {low}–{high}) · {n} events",
      bar_title_events: "{type} · {range}: {n} events", printed_from: "Printed from lagebild",
      categories: { killed: "killed", injured: "injured", missing: "missing", abducted: "abducted",
        arrested: "arrested", displaced: "displaced", trapped: "trapped", executed: "executed",
        other_people: "people (other)" },
      legend_kinds: { place: "place", time: "time", figure: "figure", claimant: "claimant", quote: "quote", speaker: "speaker" },
    },
    de: {
      title: "lagebild – Lagebild", search_placeholder: "Artikel suchen (z. B. Luftangriff Aleppo)",
      search: "Suchen", search_label: "Artikel suchen", api: "REST-API", filters: "Filter", event_type: "Ereignistyp",
      all: "alle", from: "Von", to: "Bis", actor: "Akteur", actor_placeholder: "Teil eines Namens", story: "Geschichte",
      in_view: "nur, was die Karte zeigt", reset: "Zurücksetzen", timeline: "Zeitleiste", events: "Ereignisse",
      more: "Mehr", measure: "Diagramm", measure_fatalities: "Todesopfer (vorsichtigste Angabe)", measure_events: "Ereignisse",
      click_hint: "Ein Ereignis auf der Karte oder in der Liste anklicken.", no_dated: "keine datierten Ereignisse",
      no_place: "kein Ort", killed: "getötet", stats: "{articles} Artikel · {events} Ereignisse · {stories} Geschichten",
      language: "English", language_label: "Language: English", date_unknown: "Datum unbekannt",
      place_unknown: "Ort unbekannt", actors: "Akteure", fatalities: "Todesopfer", none_reported: "keine gemeldet",
      most_conservative: "vorsichtigste Angabe", conflicting: "Widersprüchliche Zahlen nebeneinander", what: "was",
      figure: "Angabe", number: "Zahl", claimed_by: "laut", article: "Artikel", unattributed: "ohne Quelle",
      sources: "Quellen", unknown_source: "Quelle unbekannt", back_event: "← zurück zum Ereignis", original: "Original",
      no_url: "keine URL", evidence: "Beleg des Ereignisses", in_article: "Widersprüchliche Zahlen in diesem Artikel",
      who_claims: "Wer welche Zahl nennt", figures: "Zahlen", category: "Kategorie", quotes: "Zitate",
      speaker: "Sprecher", quote: "Zitat", kind: "Art", nothing_found: "nichts gefunden",
      story_view: "Geschichte: Angaben im Zeitverlauf", print_view: "Druckansicht", print: "Drucken",
      close_print: "Druckansicht schließen", story_articles: "Artikel in zeitlicher Reihenfolge",
      claims_over_time: "Angaben im Zeitverlauf", reported: "gemeldet", change: "Änderung", sentence: "Satz",
      no_claims: "keine Zahlen zu diesem Ereignis gemeldet", first: "erste Meldung", up: "höher", down: "niedriger",
      same: "gleich", unknown: "?", including: "darunter", range_hint: "Spanne der Angaben: {low}–{high}",
      legend: "Legende", size_by: "Größe: Todesopfer", cells_hint: "{n} Ereignisse in diesem Gebiet: hineinzoomen",
      per: { day: "pro Tag", week: "pro Woche", month: "pro Monat" }, clear_range: "Alle Daten",
      event_count: "{n} Ereignisse", bar_title: "{type} · {range}: {low} getötet (Angaben {low}–{high}) · {n} Ereignisse",
      bar_title_events: "{type} · {range}: {n} Ereignisse", printed_from: "Gedruckt aus lagebild",
      categories: { killed: "getötet", injured: "verletzt", missing: "vermisst", abducted: "entführt",
        arrested: "festgenommen", displaced: "vertrieben", trapped: "eingeschlossen", executed: "hingerichtet",
        other_people: "Menschen (sonstige)" },
      legend_kinds: { place: "Ort", time: "Zeit", figure: "Zahl", claimant: "Quelle der Zahl", quote: "Zitat", speaker: "Sprecher" },
    },
  };
  const DEFAULT_LOCALE = { de: "de-DE", en: "en-GB" };
  let lang = "en";

  function pick(requested) {
    if (requested === "de" || requested === "en") return requested;
    let stored = null;
    try { stored = window.localStorage.getItem("lagebild.lang"); } catch (e) { /* storage off */ }
    if (stored === "de" || stored === "en") return stored;
    return (navigator.language || "en").toLowerCase().startsWith("de") ? "de" : "en";
  }

  // The user's own locale where it speaks the chosen language (en-US keeps US dates), else a default.
  function locale() {
    const own = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
    const match = own.find((tag) => tag && tag.toLowerCase().split("-")[0] === lang);
    return match || DEFAULT_LOCALE[lang];
  }

  function t(key, values) {
    const path = key.split(".");
    let text = LABELS[lang];
    for (const part of path) text = text && text[part];
    if (text === undefined) { text = LABELS.en; for (const part of path) text = text && text[part]; }
    if (typeof text !== "string") return key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (values && values[name] !== undefined ? String(values[name]) : ""));
  }

  function category(name) { return t("categories." + name) === "categories." + name ? name : t("categories." + name); }

  // ISO date (YYYY-MM-DD, YYYY-MM, YYYY or a timestamp) → the user's format; anything else unchanged.
  function date(value, style) {
    if (!value) return "";
    const text = String(value);
    const parts = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text);
    if (!parts) return text;
    const [, year, month, day] = parts;
    const when = new Date(Date.UTC(Number(year), month ? Number(month) - 1 : 0, day ? Number(day) : 1));
    const options = day ? { dateStyle: style || "medium", timeZone: "UTC" } : month ? { month: "long", year: "numeric", timeZone: "UTC" } : { year: "numeric", timeZone: "UTC" };
    return new Intl.DateTimeFormat(locale(), options).format(when);
  }

  function dateRange(from, to) {
    if (!to || from === to) return date(from);
    try {
      const a = new Date(from + "T00:00:00Z"), b = new Date(to + "T00:00:00Z");
      return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).formatRange(a, b);
    } catch (e) { return `${date(from)} – ${date(to)}`; }
  }

  function number(value) {
    return value === null || value === undefined ? "–" : new Intl.NumberFormat(locale()).format(value);
  }

  // Every element with data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label) or data-i18n-title.
  function apply(root) {
    document.documentElement.lang = lang;
    document.title = t("title");
    for (const node of (root || document).querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of (root || document).querySelectorAll("[data-i18n-placeholder]")) node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
    for (const node of (root || document).querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
    for (const node of (root || document).querySelectorAll("[data-i18n-title]")) node.setAttribute("title", t(node.dataset.i18nTitle));
  }

  function setLang(requested) {
    lang = pick(requested);
    try { window.localStorage.setItem("lagebild.lang", lang); } catch (e) { /* storage off */ }
    apply();
    return lang;
  }

  window.LB_I18N = { t, category, date, dateRange, number, locale, setLang, apply, get lang() { return lang; } };
})();
