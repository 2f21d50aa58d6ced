"""The rule layer of the entities stage, on plain text: every rule's candidate ORG and REG spans,
and their resolution into flat, non-overlapping mentions, with or without a statistical model's.

A rules-only run calls these directly: one spaCy token per character would cost more than the
rules themselves (bench/README.md § Corpus scale). The spaCy components of `pipeline/ner/rules.py`
wrap the same functions for pipelines that hold a model, so both paths give the same mentions.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

from pipeline.text.lexicon import NATIONAL_BODIES, REG_HEADS, any_of, first_characters
from pipeline.text.organizations import INSTITUTION_HEADS, ends_at_head, find_organizations, holds_count
from pipeline.text.places import learned_places
from pipeline.text.regulations import find_regulations, is_regulation_title

POLICIES = ("rules", "model", "both")


class Mention(NamedTuple):
    start: int
    end: int
    label: str  # ORG | REG
    source: str  # the rule that found it, or `model`


@lru_cache(maxsize=1)
def _national_bodies() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A pattern that stops wherever a national body's name starts, and the names by first
    character, longest first."""
    by_first: dict[str, list[str]] = {}
    for name in NATIONAL_BODIES:
        by_first.setdefault(name[0], []).append(name)
    return (re.compile(f"(?={first_characters(NATIONAL_BODIES)})(?={any_of(NATIONAL_BODIES)})"),
            {first: tuple(sorted(names, key=len, reverse=True)) for first, names in by_first.items()})


def find_national_bodies(text: str) -> list[Mention]:
    """Every occurrence of a name in the national bodies' lexicon, overlapping ones included, except
    a name that runs on into a longer word (`各地人社部门`)."""
    starts, by_first = _national_bodies()
    found = []
    for match in starts.finditer(text):
        start = match.start()
        for name in by_first[text[start]]:
            end = start + len(name)
            if (text.startswith(name, start)
                    and (not name.endswith(INSTITUTION_HEADS) or ends_at_head(text, end))):
                found.append(Mention(start, end, "ORG", "org_national"))
    return found


def rule_candidates(text: str, places: frozenset[str] | None = None) -> list[Mention]:
    """The candidates of every rule, in rule order: national bodies, regulations, organisations by
    grammar (which continue a coordinated list after a national body); `places`, the place names
    the whole document taught (`places.learned_places`), by default those `text` teaches."""
    places = learned_places(text) if places is None else places
    national = find_national_bodies(text)
    regulations = [Mention(start, end, "REG", source) for start, end, source in find_regulations(text)]
    organisations = find_organizations(text, known=[(m.start, m.end, m.source) for m in national], places=places)
    return national + regulations + [Mention(start, end, "ORG", source) for start, end, source in organisations]


def filter_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions, the longest (then the earliest) kept first, in text order: what
    `spacy.util.filter_spans` does with spans, on characters."""
    taken, covered = [], set()
    for mention in sorted(mentions, key=lambda m: (m.end - m.start, -m.start), reverse=True):
        if mention.start not in covered and mention.end - 1 not in covered:
            taken.append(mention)
            covered.update(range(mention.start, mention.end))
    return sorted(taken)


def _clear_of(mentions: list[Mention]):
    """A test for a mention overlapping none of `mentions`."""
    covered = {position for m in mentions for position in range(m.start, m.end)}
    return lambda mention: covered.isdisjoint(range(mention.start, mention.end))


def resolve(text: str, candidates: list[Mention], model: list[Mention] = (), policy: str = "rules") -> list[Mention]:
    """Flat mentions from rule candidates and a model's mentions. REG wins over an overlapping ORG
    (an organisation inside a title is not annotated); within a label the longest span wins.

    policy `rules`: candidates only; `model`: the model's mentions only; `both`: every rule
    mention, plus each model mention that overlaps none of them and has the form of its label (an
    ORG ending in an institution head that is one in context, a REG with a regulation-like head);
    and where the grammar had to guess an organisation's start (no place prefix), a model ORG of
    that form that ends at the same character and starts earlier replaces it. The rules are precise
    and follow the guidelines where they fire; the model adds names their grammar does not reach,
    but only names of the right shape, since its free guesses cost more precision than they add."""
    if policy == "model":
        return filter_mentions(model)
    regs = filter_mentions(m for m in candidates if m.label == "REG")
    outside_regs = _clear_of(regs)
    orgs = filter_mentions(m for m in candidates if m.label == "ORG" and outside_regs(m))
    from_rules = sorted(regs + orgs)
    if policy == "rules":
        return from_rules
    model = [m for m in model if has_entity_form(text[m.start:m.end], m.label)
             and (m.label != "ORG" or ends_at_head(text, m.end))]
    from_rules = [_with_model_start(rule, model, from_rules) for rule in from_rules]
    outside_rules = _clear_of(from_rules)
    return filter_mentions(from_rules + [m for m in model if outside_rules(m)])


def rule_mentions(text: str, places: frozenset[str] | None = None) -> list[Mention]:
    return resolve(text, rule_candidates(text, places))


_PAIRS = ("“”", "《》", "（）", "()", "〈〉", "「」")


def has_entity_form(text: str, label: str) -> bool:
    """Does a span look like its label: an ORG ending in an institution head, with no count inside,
    a REG title? Neither opens a quotation or bracket it does not close (a span cut inside a quoted
    title)."""
    if any(text.count(left) != text.count(right) for left, right in _PAIRS):
        return False
    if label == "ORG":
        return (len(text) >= 3 and text.endswith(INSTITUTION_HEADS) and text[0] not in "“”《》（）"
                and not holds_count(text))
    return label == "REG" and is_regulation_title(text)


# Every span that passes `has_entity_form` holds one of these words.
_FORM_HEADS = re.compile(any_of({*INSTITUTION_HEADS, *REG_HEADS, "法"}))


def may_hold_entity_form(text: str) -> bool:
    """Could a span of this text pass `has_entity_form`? Under `both`, a sentence where none could
    does not need the model: the resolver would drop all its spans there."""
    return _FORM_HEADS.search(text) is not None


def _with_model_start(rule: Mention, model: list[Mention], rules: list[Mention]) -> Mention:
    """An organisation the grammar found without a place prefix has a guessed start: a model ORG
    that ends where it ends and starts before it, over no other rule span, gives the start."""
    if rule.source != "org_grammar_unprefixed":
        return rule
    for mention in model:
        if (mention.label == "ORG" and mention.end == rule.end and mention.start < rule.start
                and not any(_overlaps(mention, other) for other in rules if other is not rule)):
            return mention
    return rule


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end
