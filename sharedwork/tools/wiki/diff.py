"""Differences between two texts, as HTML that does not rely on colour.

Lines are compared first; within a changed line the words are compared, so a one-word fix shows as
one word. Removed text is wrapped in ``<del>``, added text in ``<ins>`` (struck through and underlined
by the stylesheet, and announced by screen readers); every changed line also says in words whether it
was added, removed or changed. Long unchanged stretches are folded to a few lines of context.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONTEXT_LINES = 2
WORDS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed", "changed", "gap"
    html: SafeString
    old_number: int | None = None
    new_number: int | None = None

    @property
    def label(self) -> str:
        return {"added": "Added", "removed": "Removed", "changed": "Changed", "same": "Unchanged"}.get(
            self.kind, ""
        )


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """The lines of a diff from ``old`` to ``new``; unchanged runs longer than the context are folded
    into one "gap" line."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                _fold([DiffLine("same", _text(a[i]), i + 1, j1 + (i - i1) + 1) for i in range(i1, i2)])
            )
        elif tag == "delete":
            rows.extend(DiffLine("removed", _wrap("del", a[i]), i + 1, None) for i in range(i1, i2))
        elif tag == "insert":
            rows.extend(DiffLine("added", _wrap("ins", b[j]), None, j + 1) for j in range(j1, j2))
        else:
            rows.extend(_replace(a, b, i1, i2, j1, j2))
    return rows


def is_empty(rows: list[DiffLine]) -> bool:
    return all(row.kind in ("same", "gap") for row in rows)


def _replace(a, b, i1, i2, j1, j2):
    """Pair changed lines one to one and show word changes inside each pair; extra lines on either
    side are plain removals or additions."""
    pairs = min(i2 - i1, j2 - j1)
    for k in range(pairs):
        yield DiffLine("changed", _words(a[i1 + k], b[j1 + k]), i1 + k + 1, j1 + k + 1)
    for i in range(i1 + pairs, i2):
        yield DiffLine("removed", _wrap("del", a[i]), i + 1, None)
    for j in range(j1 + pairs, j2):
        yield DiffLine("added", _wrap("ins", b[j]), None, j + 1)


def _words(old_line: str, new_line: str) -> SafeString:
    a, b = WORDS.findall(old_line), WORDS.findall(new_line)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def _wrap(tag: str, line: str) -> SafeString:
    return mark_safe(f"<{tag}>{escape(line)}</{tag}>" if line else "")  # noqa: S308 - escaped


def _text(line: str) -> SafeString:
    return escape(line)


def _fold(same: list[DiffLine]) -> list[DiffLine]:
    """Keep a little context around changes, replace the rest of an unchanged run by one gap line."""
    if len(same) <= 2 * CONTEXT_LINES + 1:
        return same
    hidden = len(same) - 2 * CONTEXT_LINES
    gap = DiffLine("gap", mark_safe(f"{hidden} unchanged lines"))  # noqa: S308 - a number
    return [*same[:CONTEXT_LINES], gap, *same[-CONTEXT_LINES:]]
