"""Three-way merge of page texts, line by line (the ``merge3`` package, as in bzr and Breezy).

When two people start from the same revision and both save, the second save is merged against the
common base: changes to different lines combine; changes to the same lines (or touching ones) are a
conflict and nothing is merged.
"""

from merge3 import Merge3


def _lines(text: str) -> list[str]:
    # Every line ends with a newline, so a change to the last line merges like any other.
    if text and not text.endswith("\n"):
        text += "\n"
    return text.splitlines(keepends=True)


def three_way_merge(base: str, mine: str, theirs: str) -> str | None:
    """The text with both sets of changes, or None when they overlap (a conflict)."""
    merged: list[str] = []
    for group in Merge3(_lines(base), _lines(mine), _lines(theirs)).merge_groups():
        if group[0] == "conflict":
            return None
        merged.extend(group[1])
    return "".join(merged)
