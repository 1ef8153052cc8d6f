"""Paragraph bookmarks follow their text, never their number.

A paragraph is numbered by its place in the address, so a pack update that inserts a line moves every later
paragraph to the next number. A bookmark on a paragraph keeps the text it was made on
(:attr:`Bookmark.anchor_text`); after a pack change it moves to the paragraph that now holds that text, or, when
the text is nowhere (edited, removed) or in several places, it stays put and is shown as changed, with its own
title kept. It is never moved to other text silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.domain.bookmarks import Bookmark, same_text
from briefing_app.domain.items import Item, ItemKind
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.services.briefing import BriefingService

PARAGRAPH = ItemKind.PARAGRAPH.value


@dataclass(frozen=True, slots=True)
class ParagraphFollowing:
    """What a pass over the paragraph bookmarks did (for the status line and the command line)."""

    moved: tuple[tuple[str, str], ...] = ()  # (from id, to id)
    changed: tuple[str, ...] = ()  # ids of bookmarks whose text was not found: shown as changed
    anchored: int = 0  # bookmarks from before texts were kept that now have theirs


def _title_words(title: str) -> list[str]:
    """A paragraph title without its number: ``¶6 The summit opened…`` -> ``[The, summit, opened]``."""
    words = title.removesuffix("…").split()
    return words[1:] if words and words[0].startswith("¶") else words


def text_changed(bookmark: Bookmark, current: Item | None) -> bool:
    """Whether a paragraph bookmark's paragraph now holds other text than the one it was made on."""
    if bookmark.kind != PARAGRAPH or current is None:
        return False
    if bookmark.anchor_text:
        return not same_text(bookmark.anchor_text, current.body)
    return _title_words(bookmark.title) != _title_words(current.title)  # made before texts were kept


def follow_paragraphs(repository: BookmarkRepository, briefing: BriefingService) -> ParagraphFollowing:
    """After the content changed: move each paragraph bookmark to the paragraph that holds its text.

    Bookmarks made before texts were kept get the text of their paragraph when its title shows it is the one
    they were made on; otherwise they are matched by the first words their title keeps.
    """
    if repository.read_only:
        return ParagraphFollowing()
    marks = [b for b in repository.list() if b.kind == PARAGRAPH]
    if not marks:
        return ParagraphFollowing()
    paragraphs = {item.id: item for item in briefing.items(ItemKind.PARAGRAPH)}
    changed: list[str] = []
    plan: dict[str, Item] = {}
    anchored = 0
    for bookmark in marks:
        current = paragraphs.get(bookmark.item_id)
        if current is not None and not text_changed(bookmark, current):
            if not bookmark.anchor_text:
                repository.set_anchor(bookmark.item_id, current.body)
                anchored += 1
            continue
        if bookmark.anchor_text:
            found = [p for p in paragraphs.values() if same_text(p.body, bookmark.anchor_text)]
        else:
            words = _title_words(bookmark.title)
            found = [p for p in paragraphs.values() if words and _title_words(p.title) == words]
        if len(found) == 1:
            plan[bookmark.item_id] = found[0]
        else:
            changed.append(bookmark.item_id)
    # Two bookmarks whose texts land on one paragraph, or a paragraph kept by a bookmark that stays: both shown
    # as changed rather than one silently winning.
    staying = {b.item_id for b in repository.list()} - set(plan)
    targets = [t.id for t in plan.values()]
    for old, target in list(plan.items()):
        if target.id in staying or targets.count(target.id) > 1:
            changed.append(old)
            del plan[old]
    repository.retarget_many([(old, t.id, t.title, t.body) for old, t in plan.items()])
    moved = tuple((old, t.id) for old, t in plan.items() if old != t.id)
    return ParagraphFollowing(moved, tuple(changed), anchored)
