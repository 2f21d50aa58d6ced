"""The stage registry. A stage is a named class that declares the stages it needs and the tables
it writes, is built once from the run config, and processes documents a batch at a time."""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pipeline.config import RunConfig
    from pipeline.document import Document

STAGES: dict[str, type["Stage"]] = {}


class Stage:
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    writes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: "RunConfig"):
        self.config = config

    def process(self, docs: list["Document"]) -> None:
        """Add this stage's results and rows to each document."""
        raise NotImplementedError

    @classmethod
    def check(cls, config: "RunConfig") -> None:
        """Raise SetupError when the configured models cannot be used; runs before any work."""

    @classmethod
    def describe(cls, config: "RunConfig") -> dict:
        """What run.json records about this stage as configured (models and their versions)."""
        return {}


def register(cls: type[Stage]) -> type[Stage]:
    STAGES[cls.name] = cls
    return cls


def resolve(names: list[str]) -> list[str]:
    """The stages to run in dependency order: the requested ones and every stage they need."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        for needed in STAGES[name].requires:
            visit(needed)
        if name not in ordered:
            ordered.append(name)

    for name in names:
        visit(name)
    return ordered


# Importing the stage modules registers them, in pipeline order.
from pipeline.stages import normalize, sentences, tokens, entities, relations  # noqa: E402,F401
