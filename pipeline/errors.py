"""Errors that stop a run before any work, each with a message for the user."""


class SetupError(Exception):
    """A configured model or segmenter that cannot be used; str() says which and why."""
