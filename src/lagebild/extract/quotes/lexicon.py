"""Speech-verb forms and speech cues, read from ``lang/de/speech_verbs.txt`` and ``quote_cues.json``.

Weak verbs are conjugated by rule (sagen → sagt, sagte, sagten, gesagt, sage, sagen, zu sagen); strong
verbs list their irregular forms in the data file. A separable verb ("mit|teilen") yields its fused forms
("mitteilte", "mitgeteilt", "mitzuteilen") as cues of their own, and its bare forms ("teilte") as cues
that need the particle ("mit") later in the same clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lagebild.lang import load_json, load_wordlist

_INSEPARABLE = (
    "be",
    "ge",
    "er",
    "ver",
    "zer",
    "ent",
    "emp",
    "miss",
    "über",
    "unter",
    "wider",
    "hinter",
    "voll",
)


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    particle: str | None  # a particle that must follow in the clause ("mit" for "teilte … mit")


def _stem(lemma: str) -> str:
    if lemma.endswith("en"):
        return lemma[:-2]
    return lemma[:-1]  # erinnern → erinner, lächeln → lächel


def _needs_e(stem: str) -> bool:
    """antwortet, begründete, rechnet, bezeichnet: an -e- before -t after t, d or a consonant + m/n
    (not after l, r, a vowel or a vowel + h: lernt, warnt, ahnt)."""
    if stem.endswith(("t", "d")):
        return True
    if len(stem) > 2 and stem[-1] in "mn" and stem.endswith(("chn", "chm")):
        return True
    return len(stem) > 2 and stem[-1] in "mn" and stem[-2] not in "aeiouäöülrhmn"


def weak_forms(lemma: str) -> set[str]:
    """Finite forms, participle and infinitive of a weak (regular) verb."""
    stem = _stem(lemma)
    e = "e" if _needs_e(stem) else ""
    forms = {
        lemma,
        stem + "e",
        stem + e + "t",
        stem + e + "te",
        stem + e + "ten",
        stem + e + "test",
        stem + "est",
        stem + "st" if not e else stem + "est",
    }
    if lemma.endswith("ieren") or lemma.startswith(_INSEPARABLE):
        forms.add(stem + e + "t")
    else:
        forms.add("ge" + stem + e + "t")
    return forms


def _participle(forms: set[str], base: str) -> set[str]:
    """The past participles among ``forms``: "gegeben", "mitgeteilt"; not "geht" of "gehen"."""
    stem = _stem(base)
    return {f for f in forms if f.startswith("ge") and f.endswith(("t", "en")) and not f.startswith(stem)}


@lru_cache(maxsize=1)
def speech_verb_forms() -> dict[str, tuple[VerbForm, ...]]:
    """Lower-case word form → the speech verbs it can be a form of."""
    table: dict[str, list[VerbForm]] = {}

    def add(form: str, entry: VerbForm) -> None:
        entries = table.setdefault(form.lower(), [])
        if entry not in entries:
            entries.append(entry)

    for line in load_wordlist("speech_verbs.txt"):
        lemma_spec, *irregular = line.split()
        particle, _, base = lemma_spec.rpartition("|")
        if irregular:
            stem = _stem(base)
            forms = set(irregular) | {base, stem + "e", stem + "en", stem + "est"}
        else:
            forms = weak_forms(base)
        if not particle:
            for form in forms:
                add(form, VerbForm(base, None))
            continue
        lemma = particle + base
        participles = _participle(forms, base)
        if not irregular and not base.startswith(_INSEPARABLE) and not base.endswith("ieren"):
            participles = {"ge" + _stem(base) + ("e" if _needs_e(_stem(base)) else "") + "t"}
        for form in forms - participles:
            add(form, VerbForm(lemma, particle))  # "teilte … mit"
            add(particle + form, VerbForm(lemma, None))  # "mitteilte" (verb-final)
        for form in participles:
            add(particle + form, VerbForm(lemma, None))  # "mitgeteilt"
        add(particle + "zu" + base, VerbForm(lemma, None))  # "mitzuteilen"
    return {form: tuple(entries) for form, entries in table.items()}


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The word lists of ``quote_cues.json`` as frozen sets (original case kept)."""
    data = load_json("quote_cues.json")
    return {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}


@lru_cache(maxsize=1)
def role_suffixes() -> tuple[str, ...]:
    """Role nouns, lower-cased, longest first, to recognise compounds ("UN-Sprecher", "Regierungssprecher")."""
    return tuple(sorted({w.lower() for w in cues()["role_nouns"]}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _role_suffix_set() -> tuple[frozenset[str], frozenset[str]]:
    """(all role nouns, those of four letters or more), lower-cased."""
    every = frozenset(role_suffixes())
    return every, frozenset(w for w in every if len(w) >= 4)


_ROLE_MEMO: dict[str, bool] = {}  # str → bool holds no containers, so the garbage collector skips it


def is_role_noun(word: str) -> bool:
    """Whether ``word`` is a role noun, a compound ending in one ("UN-Sprecher", "Regierungssprecher") or its
    genitive or plural ("des Sprechers", "des Ministeriums", "Beamten")."""
    known = _ROLE_MEMO.get(word)
    if known is None:
        if len(_ROLE_MEMO) > 50_000:
            _ROLE_MEMO.clear()
        known = _ROLE_MEMO[word] = _is_role_noun(word)
    return known


def _is_role_noun(word: str) -> bool:
    if not word or not word[0].isupper():
        return False
    lower = word.lower()
    every, long = _role_suffix_set()
    if lower in every:
        return True
    forms = [lower] + [lower[: -len(end)] for end in ("s", "es", "n") if lower.endswith(end)]
    longest = _longest_role_suffix()  # a tail longer than every role noun is none (linear time)
    return any(form[i:] in long for form in forms for i in range(max(0, len(form) - longest), len(form) - 3))


@lru_cache(maxsize=1)
def _longest_role_suffix() -> int:
    return max(map(len, _role_suffix_set()[1]), default=0)
