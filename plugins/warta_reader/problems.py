"""Content problems: what is wrong in which file and line, and how to fix it."""

from dataclasses import dataclass

from warta_settings import WartaError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one content file, phrased for the journalist."""

    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"

    @property
    def is_error(self):
        return self.severity == ERROR


class ContentError(WartaError):
    """Raised when a content file has errors; carries every problem found."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
