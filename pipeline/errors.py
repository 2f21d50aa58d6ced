"""Errors that stop a run before any work, each with a message for the user."""


class SetupError(Exception):
    """A configured model or segmenter that cannot be used; str() says which and why."""


def first_line(error: BaseException) -> str:
    """A library's error as one line: its message's first line, or its type when it has none."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
