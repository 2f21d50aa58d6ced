"""The one module that reads the language's word lists: closed vocabularies of Chinese law and
administration (institution heads, stop words, regulation heads, units …), kept as data files in
`pipeline/data/lexicon/` (one word per line, `#` comments) so that they can be read, reviewed and
extended without touching code."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"


def _lines(name: str) -> list[str]:
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """The words of `<name>.txt`, in file order, without repeats."""
    return tuple(dict.fromkeys(line.strip() for line in _lines(f"{name}.txt")))


def any_of(words) -> str:
    """A regular expression for any of `words`, the longest where several start at the same place,
    written as a prefix tree (`北京(?:市)?`): the same matches as the longest-first alternation, found
    several times faster over long texts."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie_pattern(trie) + ")"


def first_characters(words) -> str:
    """A character class of the words' first characters. At the start of a pattern that does not
    itself start with a plain alternation (an optional group, a lookahead), it lets the engine skip
    in C to where a word can start: three to four times faster over long texts."""
    return "[" + "".join(sorted({re.escape(word[0]) for word in words})) + "]"


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return (body if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})") + "?"


@lru_cache(maxsize=None)
def head_context() -> tuple[dict[str, str], dict[str, str]]:
    """Per institution head: the characters after it, and before it, that make it part of an
    ordinary word (`局面`, `格局`)."""
    continues, after = {}, {}
    for line in _lines("head_context.tsv"):
        head, following, preceding = (line.split("\t") + ["", ""])[:3]
        continues[head], after[head] = following, preceding
    return continues, after


@lru_cache(maxsize=None)
def department_names() -> dict[str, str]:
    """Short department names → the full names issuers are listed under (`人社厅` → `人力资源和社会保障厅`)."""
    return dict(line.split("\t")[:2] for line in _lines("department_names.tsv"))


@lru_cache(maxsize=None)
def indicator_cues() -> tuple[tuple[str, str, str, str, str], ...]:
    """(indicator, kind, cue, context, not) rows of `indicator_cues.tsv`, in priority order."""
    return tuple(tuple((line.split("\t") + ["", "", "", "", ""])[:5]) for line in _lines("indicator_cues.tsv"))


@lru_cache(maxsize=None)
def unit_classes() -> tuple[frozenset[str], ...]:
    """Groups of classifiers that count the same kind of thing (`件 宗 起`, `名 人 位`)."""
    return tuple(frozenset(line.split()) for line in _lines("unit_classes.txt"))


REG_HEADS = words("reg_heads")
REG_TITLE_HEADS = words("reg_title_heads")
NOT_LAW_ENDINGS = words("not_law_endings")
NOT_REG_TITLE_ENDINGS = words("not_reg_title_endings")
GENERIC_INSTRUMENTS = frozenset(words("generic_instruments"))
NATIONAL_LAWS = words("national_laws")
NATIONAL_BODIES = words("national_bodies")
