"""Generated combined events for load tests of the web page: invented, reproducible from a seed.

Each event has an ACLED type and sub-type, a place near one of a few towns, a day in a chosen range
and, for violent types, a fatality range; no article stands behind it. Nothing here is a real report.

Example::

    from lagebild.serve.synthetic import generated_events
    from lagebild.store import CombineResult, Store

    with Store.open("var/load.sqlite") as store:
        store.save_combined(CombineResult(events=tuple(generated_events(100_000, "2020-01-01", 1500))))
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from lagebild.errors import ConfigError
from lagebild.model import CombinedEvent, EventDate, EventPlace, EventSource, Fatalities

TOWNS = (  # (name, country, lat, lon): real towns, invented events
    ("Aleppo", "SY", 36.20, 37.16), ("Idlib", "SY", 35.93, 36.63), ("Mosul", "IQ", 36.34, 43.13),
    ("Mogadishu", "SO", 2.04, 45.34), ("Khartoum", "SD", 15.50, 32.56), ("Kharkiv", "UA", 49.99, 36.23),
    ("Gaza", "PS", 31.50, 34.47), ("Goma", "CD", -1.68, 29.23), ("Tbilisi", "GE", 41.69, 44.83),
    ("Bamako", "ML", 12.64, -8.00), ("Sanaa", "YE", 15.37, 44.19), ("Kabul", "AF", 34.53, 69.17),
)
TYPES = (  # (type, sub-type, share, fatal)
    ("Battles", "Armed clash", 0.25, True),
    ("Explosions/Remote violence", "Air/drone strike", 0.2, True),
    ("Violence against civilians", "Attack", 0.15, True),
    ("Protests", "Peaceful protest", 0.2, False),
    ("Riots", "Violent demonstration", 0.1, True),
    ("Strategic developments", "Agreement", 0.1, False),
)


def generated_events(n: int, first_day: str, days: int, seed: int = 7) -> Iterator[CombinedEvent]:
    """``n`` invented combined events between ``first_day`` and ``days`` days later."""
    if n < 0 or days < 1:
        raise ConfigError(f"generated events: n={n}, days={days}; give n ≥ 0 and days ≥ 1")
    try:
        start = dt.date.fromisoformat(first_day)
    except ValueError:
        raise ConfigError(f"generated events: first_day {first_day!r} is not a date YYYY-MM-DD") from None
    rng = random.Random(seed)
    weights = [share for _t, _s, share, _f in TYPES]
    for number in range(n):
        name, country, lat, lon = rng.choice(TOWNS)
        event_type, sub_type, _share, fatal = rng.choices(TYPES, weights)[0]
        day = (start + dt.timedelta(days=rng.randrange(days))).isoformat()
        fatalities = None
        if fatal and rng.random() < 0.7:
            low = int(rng.expovariate(1 / 6))
            fatalities = Fatalities(low, low + int(rng.expovariate(1 / 3)))
        text = f"{sub_type} near {name} (generated)"
        yield CombinedEvent(
            id=f"gen-{number:06d}", type=event_type, sub_type=sub_type, status="current",
            place=EventPlace(name, name, country, round(lat + rng.gauss(0, 0.6), 4), round(lon + rng.gauss(0, 0.6), 4), 2),
            date=EventDate(day, 1), actors=(), fatalities=fatalities,
            sources=(EventSource(f"gen-doc-{number:06d}", 0, len(text), text, day, "generated"),),
        )


__all__ = ["TOWNS", "TYPES", "generated_events"]
