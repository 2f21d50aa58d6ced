"""The rule layer as registered spaCy components, for pipelines that hold a statistical model.

`gov_rule_candidates` adds the candidates of `pipeline.text.entity_rules` to
`doc.spans["candidates"]` (label ORG/REG, `span.id_` the rule that found it); `gov_entity_resolver`
turns them and the model's entities, if any, into flat, non-overlapping `doc.ents` by the same
resolution a rules-only run applies to plain text.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.text.entity_rules import POLICIES, Mention, resolve, rule_candidates

CANDIDATES = "candidates"
TEXT_KEY = "gov_text"
# Place names learnt from the whole document, for Docs that hold one sentence of it.
PLACES_KEY = "gov_places"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc: spaCy joins every token on each access."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return doc.user_data[TEXT_KEY]


def make_doc(nlp: Language, text: str, places: frozenset[str]) -> Doc:
    """A Doc of one unit of a document for a pipeline with the rule components: its text set
    once (spaCy joins every token on each `doc.text`), and the place names the whole document taught."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    doc.user_data[PLACES_KEY] = places
    return doc


def _spans(doc: Doc, mentions: list[Mention]) -> list:
    spans = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, label=mention.label, alignment_mode="expand")
        if span is not None:
            span.id_ = mention.source
            spans.append(span)
    return spans


def _mentions(spans, default_source: str = "") -> list[Mention]:
    return [Mention(s.start_char, s.end_char, s.label_, s.id_ or default_source) for s in spans]


@Language.component("gov_rule_candidates")
def rule_candidates_component(doc: Doc) -> Doc:
    doc.spans[CANDIDATES] = _spans(doc, rule_candidates(doc_text(doc), doc.user_data.get(PLACES_KEY)))
    return doc


@Language.factory("gov_entity_resolver", default_config={"policy": "rules"})
def make_resolver(nlp: Language, name: str, policy: str) -> "EntityResolver":
    return EntityResolver(policy)


class EntityResolver:
    """`doc.ents` from the rule candidates and the model's entities, by `entity_rules.resolve`."""

    def __init__(self, policy: str):
        if policy not in POLICIES:
            raise ValueError(f"unknown merge policy {policy!r}")
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        model = _mentions(doc.ents, default_source="model") if self.policy != "rules" else []
        doc.ents = _spans(doc, resolve(doc_text(doc), _mentions(doc.spans.get(CANDIDATES, [])), model, self.policy))
        return doc


RULE_PIPES = ("gov_rule_candidates", "gov_entity_resolver")


def add_rule_components(nlp: Language, policy: str = "rules") -> None:
    """The rule layer in pipeline order: the candidates, then the resolver; with policy `model`,
    only the resolver."""
    if policy != "model":
        nlp.add_pipe("gov_rule_candidates")
    nlp.add_pipe("gov_entity_resolver", config={"policy": policy})
