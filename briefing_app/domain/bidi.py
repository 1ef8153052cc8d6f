"""Unicode bidi isolation of user text: the one helper every reader (screen, print, Markdown) calls.

Plain Python on purpose (no Qt, no HTML), so the services' Markdown export uses the same rule as the sheets and
the Bookmarks tab; :mod:`briefing_app.reports.formatting` re-exports it.
"""

from __future__ import annotations

from typing import Any

FSI = "\u2068"  # FIRST STRONG ISOLATE: what follows takes its direction from its own first strong letter ...
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: ... up to here, and nothing inside reaches out
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI


def isolate(text: Any) -> str:
    """User text (a tag, a title, a note) set apart for the bidi algorithm, to sit next to the app's own text.

    A right-to-left override typed in a tag would otherwise reverse the words after it (``id member:kaz``
    printed as ``zak:rebmem di``); inside FSI … PDI it ends where the user's text ends, on screen and on paper
    (Qt's text layout implements the Unicode isolates). A PDI in the user's text that closes nothing is dropped,
    so the text cannot end the isolate early. Plain text: escape it for rich text after.
    """
    out: list[str] = []
    depth = 0
    for ch in str(text):
        if ch in _ISOLATE_OPENERS:
            depth += 1
        elif ch == PDI:
            if depth == 0:
                continue
            depth -= 1
        out.append(ch)
    return f"{FSI}{''.join(out)}{PDI}"
