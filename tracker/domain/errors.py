"""The error hierarchy; every message is written for the user, in Chinese."""


class TrackerError(Exception):
    """An error the user can act on; ``str(error)`` is the Chinese message."""

    exit_code = 1


class InputError(TrackerError):
    """A value the user typed is not acceptable."""

    exit_code = 2


class NotFoundError(InputError):
    """A district, task, milestone, person or record does not exist."""


class PermissionDeniedError(TrackerError):
    """The acting user may not make this change."""

    exit_code = 3


class StoreError(TrackerError):
    """The database is missing, corrupt, locked or of another version."""

    exit_code = 4


class PlanError(InputError):
    """A plan file has problems; ``problems`` lists each with its location."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"计划文件 {source} 有 {len(problems)} 处问题：\n{lines}")
