"""Errors of a run, each with a one-line message for the user."""


class SetupError(Exception):
    """A configured model or segmenter that cannot be used; str() says which and why."""


class StageError(Exception):
    """A stage that raised on one document (not an input error); str() names the file, the stage and
    the exception in one line, the traceback is in `log`."""

    def __init__(self, path: str, stage: str, message: str, log: str | None = None):
        where = f" (traceback in {log})" if log else ""
        super().__init__(f"{path}: the {stage} stage failed: {message}{where}")
        self.path, self.stage, self.message, self.log = path, stage, message, log

    def __reduce__(self):
        # raised in a worker, it is pickled back to the parent: rebuild it from its arguments
        return StageError, (self.path, self.stage, self.message, self.log)


def first_line(error: BaseException) -> str:
    """A library's error as one line: its message's first line, or its type when it has none."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
