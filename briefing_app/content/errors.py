"""Errors of pack loading, each naming the file, the item and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PackProblem:
    file: str
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.item:
            parts.append(self.item)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


class PackError(Exception):
    """The pack cannot be loaded; ``problems`` lists every problem found, in file order."""

    def __init__(self, pack: str, problems: list[PackProblem]) -> None:
        self.pack = pack
        self.problems = problems
        first = str(problems[0]) if problems else "unknown problem"
        more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
        super().__init__(f"invalid briefing pack {pack}: {first}{more}")
