"""No extractor tokenises text for itself: words and sentences come from the one layer in ``nlp/``.

A module-level regular expression that cuts an ordinary German sentence into its words, applied to
the article's text, is a private tokeniser, whatever it is called; so is a spaCy tokenizer an extractor
builds for itself. Extractors call the layer (``lagebild.nlp``) instead. The sentence below is invented.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import lagebild.extract

SENTENCE = (
    "Nach Angaben der Behörden wurden am Dienstag in der Straße fünf Flüchtlinge schwer verletzt, "
    "zwölf weitere Häftlinge kamen ums Leben."
)
WORDS = re.findall(r"\w+", SENTENCE)


def extract_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(lagebild.extract.__path__, prefix="lagebild.extract.")
    )


def cuts_into_words(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` finds most words of an ordinary sentence one by one (a tokeniser)."""
    try:
        found = [m.group() for m in pattern.finditer(SENTENCE)]
    except (TypeError, re.error):
        return False
    hits = sum(1 for word in found if word in WORDS)
    return hits >= 0.8 * len(WORDS)


def test_there_are_extractors() -> None:
    assert len(extract_modules()) >= 6


def _reads_the_text(call: ast.Call) -> bool:
    """Whether a call's first argument is the article's text (``text``, ``doc.text``, ``text[a:b]``) read
    as a whole or in a window; a search bounded to one token's offsets (``pattern.finditer(text, idx,
    idx + length)``, letters inside a token that glues words with symbols) reads no window."""
    if not call.args or len(call.args) >= 3:
        return False
    return "text" in ast.unparse(call.args[0]).split("[")[0]


def test_no_extractor_cuts_the_text_into_words_with_a_regex() -> None:
    offenders = []
    for name in extract_modules():
        module = importlib.import_module(name)
        tokenisers = {
            attribute
            for attribute, value in vars(module).items()
            if isinstance(value, re.Pattern) and cuts_into_words(value)
        }
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("finditer", "findall", "split")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in tokenisers
                and _reads_the_text(node)
            ):
                offenders.append(f"{name}:{node.lineno} {node.func.value.id}.{node.func.attr}")
    assert offenders == []


def test_no_extractor_builds_a_tokenizer_of_its_own() -> None:
    """An extractor may call the layer (``lagebild.nlp``), never build a spaCy tokenizer or splitter."""
    forbidden = {"blank", "Tokenizer", "Sentencizer"}
    offenders = []
    for name in extract_modules():
        module = importlib.import_module(name)
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in forbidden:
                    offenders.append(f"{name}:{node.lineno} calls {called}")
            if (
                isinstance(node, ast.ImportFrom)
                and (node.module or "").startswith("spacy")
                and any(alias.name in forbidden for alias in node.names)
            ):
                offenders.append(f"{name}:{node.lineno} imports from {node.module}")
    assert offenders == []


def test_the_detector_finds_a_tokeniser() -> None:
    assert cuts_into_words(re.compile(r"[^\W\d_]+(?:[-'][^\W_]+)*"))
    assert not cuts_into_words(re.compile(r"\b(?:getötet|verletzt)\b"))
