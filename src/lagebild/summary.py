"""A readable situation summary of analysed articles (``lagebild analyze --format text``)."""

from __future__ import annotations

from collections.abc import Iterable

from lagebild.model import Document, Figure


def _figure_line(figure: Figure) -> str:
    if figure.approx == "range":
        amount = f"{figure.low}–{figure.high}"
    elif figure.approx in ("at_least", "more_than"):
        amount = f"≥{figure.low}"
    elif figure.approx == "at_most":
        amount = f"≤{figure.high}"
    elif figure.approx == "about":
        amount = f"~{figure.low}"
    else:
        amount = str(figure.low)
    who = f" ({figure.victims})" if figure.victims else ""
    where = f" in {figure.place}" if figure.place else ""
    claim = f" — per {figure.claimant.text}" if figure.claimant else " — unattributed"
    return f"{amount} {figure.category}{who}{where}{claim}  «{figure.text}»"


def summarize(doc: Document) -> str:
    """One article's situation picture: events, figures, conflicts, quotes, places and times."""
    a = doc.article
    head = a.title or a.text[:80].replace("\n", " ")
    lines = [f"== {head}", f"   id {a.id} · published {a.published or 'unknown'} · source {a.source or 'unknown'}"]
    if doc.dateline:
        lines.append(f"   dateline: {doc.dateline.text} (where the reporter is)")
    if doc.events:
        lines.append("Events:")
        for e in doc.events:
            place = e.place.name or e.place.text if e.place else "place unknown"
            date = e.date.value if e.date else "date unknown"
            dead = ""
            if e.fatalities and e.fatalities.low is not None:
                hi = e.fatalities.high
                dead = f", {e.fatalities.low}{'–' + str(hi) if hi and hi != e.fatalities.low else ''} dead"
            actors = ", ".join(m.text for m in e.actors) or "actors unknown"
            status = "" if e.status == "current" else f" [{e.status}]"
            lines.append(f"  • {e.type} / {e.sub_type}{status}: {place}, {date}{dead}; {actors}")
            lines.append(f"      «{e.text}»")
    if doc.figures:
        lines.append("Figures:")
        lines.extend(f"  • {_figure_line(f)}" for f in doc.figures)
    if doc.conflicts:
        lines.append("Conflicting figures (kept side by side):")
        for c in doc.conflicts:
            claims = " vs ".join(
                f"{f.text} ({f.claimant.text if f.claimant else 'unattributed'})" for f in c.figures
            )
            lines.append(f"  • {c.category} in {c.place or '?'}: {claims}")
    if doc.quotes:
        lines.append("Quotes:")
        for q in doc.quotes:
            speaker = q.speaker_resolved or (q.speaker.text if q.speaker else "unknown speaker")
            lines.append(f"  • [{q.kind}] {speaker}: «{q.text}»")
    if doc.places:
        seen: dict[str, str] = {}
        for p in doc.places:
            seen.setdefault(p.text, f"{p.text} → {p.name} ({p.country or '?'}, {p.role})")
        lines.append("Places: " + "; ".join(seen.values()))
    if doc.times:
        lines.append("Times: " + "; ".join(f"{t.text} = {t.value}{' ' + t.mod if t.mod else ''}" for t in doc.times))
    for warning in doc.warnings:
        lines.append(f"  ! {warning}")
    return "\n".join(lines)


def summarize_all(docs: Iterable[Document]) -> str:
    return "\n\n".join(summarize(d) for d in docs)
