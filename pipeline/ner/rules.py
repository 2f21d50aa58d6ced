"""The rule layer as registered spaCy components.

Every component adds candidate spans to `doc.spans["candidates"]` (label ORG/REG, `span.id_` the
rule that found it); `gov_entity_resolver` turns the candidates (and a model's entities, if any)
into flat, non-overlapping `doc.ents`.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.text.lexicon import NATIONAL_BODIES, REG_HEADS
from pipeline.text.organizations import INSTITUTION_HEADS, ends_at_head, find_organizations, holds_count
from pipeline.text.places import learned_places
from pipeline.text.regulations import find_regulations, is_regulation_title

CANDIDATES = "candidates"
TEXT_KEY = "gov_text"
# Place names learnt from the whole document, for Docs that hold one sentence of it.
PLACES_KEY = "gov_places"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc: spaCy joins every token on each access."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return doc.user_data[TEXT_KEY]


def _add_candidates(doc: Doc, spans: list[tuple[int, int, str]], label: str) -> None:
    group = doc.spans.setdefault(CANDIDATES, [])
    for start, end, source in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            span.id_ = source
            group.append(span)


def _candidates(doc: Doc, label: str) -> list[tuple[int, int, str]]:
    return [(s.start_char, s.end_char, s.id_) for s in doc.spans.get(CANDIDATES, []) if s.label_ == label]


@Language.component("gov_regulations")
def regulations_component(doc: Doc) -> Doc:
    _add_candidates(doc, find_regulations(doc_text(doc)), "REG")
    return doc


@Language.component("gov_organizations")
def organizations_component(doc: Doc) -> Doc:
    text = doc_text(doc)
    # a national body's name that runs on into a longer word is none (`各地人社部门`)
    doc.spans[CANDIDATES] = [span for span in doc.spans.get(CANDIDATES, [])
                             if span.id_ != "org_national" or not span.text.endswith(INSTITUTION_HEADS)
                             or ends_at_head(text, span.end_char)]
    places = doc.user_data[PLACES_KEY] if PLACES_KEY in doc.user_data else learned_places(text)
    _add_candidates(doc, find_organizations(text, known=_candidates(doc, "ORG"), places=places), "ORG")
    return doc


@Language.factory("gov_entity_resolver", default_config={"policy": "rules"})
def make_resolver(nlp: Language, name: str, policy: str) -> "EntityResolver":
    return EntityResolver(policy)


class EntityResolver:
    """Flat entities from candidates. REG wins over an overlapping ORG (an organisation inside a
    title is not annotated); within a label the longest span wins.

    policy `rules`: candidates only; `model`: the model's entities only; `both`: every rule
    entity, plus each model entity that overlaps none of them and has the form of its label (an ORG
    ending in an institution head that is one in context, a REG with a regulation-like head); and
    where the grammar had to guess an organisation's start (no place prefix), a model ORG of that
    form that ends at the same character and starts earlier replaces it. The rules are precise and
    follow the guidelines where they fire; the model adds names their grammar does not reach, but
    only names of the right shape, since its free guesses cost more precision than they add."""

    def __init__(self, policy: str):
        if policy not in ("rules", "model", "both"):
            raise ValueError(f"unknown merge policy {policy!r}")
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        rules = list(doc.spans.get(CANDIDATES, []))
        regs = filter_spans([s for s in rules if s.label_ == "REG"])
        orgs = [s for s in rules if s.label_ == "ORG" and not any(_overlaps(s, r) for r in regs)]
        from_rules = regs + filter_spans(orgs)
        if self.policy == "rules":
            doc.ents = sorted(from_rules)
            return doc
        model = list(doc.ents)
        for span in model:
            span.id_ = span.id_ or "model"
        if self.policy == "both":
            model = [m for m in model if has_entity_form(m.text, m.label_)
                     and (m.label_ != "ORG" or ends_at_head(doc_text(doc), m.end_char))]
            from_rules = [_with_model_start(r, model, from_rules) for r in from_rules]
            model = from_rules + [m for m in model if not any(_overlaps(m, r) for r in from_rules)]
        doc.ents = sorted(filter_spans(model))
        return doc


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
_FORM_HEADS = re.compile("|".join(map(re.escape, sorted({*INSTITUTION_HEADS, *REG_HEADS, "法"}, key=len, reverse=True))))


def may_hold_entity_form(text: str) -> bool:
    """Could a span of this text pass `has_entity_form`? Under `both`, a sentence where none could
    does not need the model: the resolver would drop all its spans there."""
    return _FORM_HEADS.search(text) is not None


def _with_model_start(rule: Span, model: list[Span], rules: list[Span]) -> Span:
    """An organisation the grammar found without a place prefix has a guessed start: a model ORG
    that ends where it ends and starts before it, over no other rule span, gives the start."""
    if rule.id_ != "org_grammar_unprefixed":
        return rule
    for span in model:
        if (span.label_ == "ORG" and span.end == rule.end and span.start < rule.start
                and not any(_overlaps(span, other) for other in rules if other is not rule)):
            return span
    return rule


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


RULE_PIPES = ("gov_national_bodies", "gov_regulations", "gov_organizations", "gov_entity_resolver")


def add_rule_components(nlp: Language, policy: str = "rules") -> None:
    """The rule layer in pipeline order: national bodies (a SpanRuler over a lexicon), regulations,
    organisations by grammar, then the resolver; with policy `model`, only the resolver."""
    if policy == "model":
        nlp.add_pipe("gov_entity_resolver", config={"policy": policy})
        return
    ruler = nlp.add_pipe("span_ruler", name="gov_national_bodies",
                         config={"spans_key": CANDIDATES, "annotate_ents": False, "overwrite": False})
    ruler.add_patterns([{"label": "ORG", "pattern": name, "id": "org_national"} for name in NATIONAL_BODIES])
    nlp.add_pipe("gov_regulations")
    nlp.add_pipe("gov_organizations")
    nlp.add_pipe("gov_entity_resolver", config={"policy": policy})
