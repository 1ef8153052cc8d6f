"""Search as a briefing reader means it: names first, then facts, with typos, questions and three scripts.

For a typed query, in order:

1. **Words.** Stop words ("which", "are", "did") are dropped unless nothing else was typed; words naming a
   kind ("members", "propose", "corridor") weigh results toward that kind. A word that matches nothing in
   the pack is replaced by the pack's nearest word (edit distance 1 to 2), and the results say so ("Showing
   results for Pakistan"); a word that matches something is never replaced.
2. **Names.** Items whose title or alias equals the query come first, then those whose name starts with it
   ("India" -> the member state India; "Shehbaz Sharif" -> the person; "哈萨克斯坦总统" -> Kazakhstan, found
   by looking up every stretch of its Han characters, since Chinese has no spaces to split on).
3. **Full text.** bm25 over every item (all words, then without the kind words, then any word), facts from
   the address ahead of background facts, raw paragraphs last. A name typed as an alias no text uses
   ("Путин", "Tokaev") is followed by what mentions the item by its own name ("Vladimir Putin", "Putin").
4. **Snippets.** A sentence of the title, summary or body with the searched words highlighted; for an item found
   by its name, the sentence with the query's other words ("when did Iran join" -> "Member since July 2023.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_app.domain.items import ItemKind, ItemRef, SearchHit
from briefing_app.persistence.content_repository import ContentRepository
from briefing_app.persistence.fts import MAX_QUERY_CHARS, FtsHit, NameHit, SearchReader, Term, match_expression
from briefing_app.persistence.search_text import WORD, han_runs, has_han, name_key
from briefing_app.services.search_query import QueryWord, parse_query, plural_stem
from briefing_app.services.search_snippets import Highlighter, make_snippet
from briefing_app.services.search_vocabulary import Vocabulary

#: How many items a name prefix may put ahead of the full-text hits ("Al" -> Almaty, Alat, ...).
PREFIX_NAMES_SHOWN = 5
MAX_HAN_RUN = 16  # characters of one stretch of Chinese looked up piece by piece
MAX_HAN_RUNS = 4
#: Kinds whose titles are sentences ("Kazakhstan's trade with SCO countries grew 6.5% in 2023"), not names: a
#: prefix of their title is no reason to put them first (the full text ranks them).
SENTENCE_TITLED = ("figure", "achievement", "proposal", "priority", "paragraph")
_PARENTHESES = re.compile(r"\([^)]*\)")  # "Shanghai Cooperation Organization (SCO)": not how texts name it
#: Items of the kinds a query's words name ("members", "propose") weigh this many times more.
KIND_FACTOR = 2.0


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The hits for a query and what the reader should be told about them."""

    query: str
    hits: tuple[SearchHit, ...] = ()
    corrected: str | None = None  # the query as searched, when a word of it was replaced (a typo)
    suggestions: tuple[str, ...] = ()  # when nothing was found: words of the pack close to what was typed
    only_stop_words: bool = False  # "what", "which are": a question begun, not yet a subject to search for

    @property
    def notice(self) -> str | None:
        """One line for the reader: "Showing results for ...", "No results for ..." or nothing."""
        if self.hits:
            return f"Showing results for {self.corrected}" if self.corrected else None
        if not self.query.strip():
            return None
        text = f"No results for “{self.query.strip()[:80]}”"
        if self.suggestions:
            text += ". Try: " + ", ".join(self.suggestions)
        return text


class BriefingSearch:
    """Answers queries over one content repository (thread-safe: each search opens its own connection)."""

    def __init__(self, content: ContentRepository) -> None:
        self._content = content
        self._vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self._content.fts.vocabulary())
        return self._vocabulary

    def find(self, query: str, limit: int = 20, kind: str | None = None, sources: bool = True) -> SearchResults:
        """The best ``limit`` hits for ``query`` (of ``kind`` only, if given) and what to tell the reader; with each
        hit's sources unless ``sources`` is False."""
        words = parse_query(query)
        if limit <= 0 or not words:
            return SearchResults(query)
        typing = query.rstrip() == query and not query.endswith('"')  # the last word may be unfinished
        return self._content.fts.read(lambda reader: self._find(reader, query, words, typing, limit, kind, sources))

    def _find(
        self, reader: SearchReader, query: str, words: list[QueryWord], typing: bool, limit: int, kind: str | None,
        sources: bool,
    ) -> SearchResults:
        searched = self._corrected(reader, words, typing)
        content = [(w, t) for w, t in searched if not w.stop]
        if not content and typing and len(words) == 1 and len(words[0].folded) <= 2:
            content = searched  # "a", "in": the first letters of a word being typed, not yet a stop word
        kinds = sorted({w.kind for w in words if w.kind})
        names = self._names(reader, searched, content, query, kind, kinds, limit)
        fts_hits = self._full_text(reader, content, kind, kinds, limit) if content else []
        highlighted = [plural_stem(t) for _, t in content] or [t for _, t in searched]
        named = next((hit for hit in names if hit.exact), None)
        if (content and named is not None and len(fts_hits) < limit
                and {hit.row_id for hit in fts_hits} <= {hit.row_id for hit in names}):
            # Named by an alias no other text uses ("Путин", "Tokaev"): what mentions the item by its own name
            for mention in _mentioned_as(named):  # the whole name first, then a person's surname alone
                seen = {hit.row_id for hit in fts_hits}
                match = match_expression([Term(word) for word in mention])
                found = reader.ranked(match, limit, kind, kinds, KIND_FACTOR)
                fts_hits += [hit for hit in found if hit.row_id not in seen]
                highlighted += mention
        ranked = _names_then_text(names, fts_hits, limit)
        hits = self._shown(reader, ranked, highlighted, sources)
        changed = any(w.typed != t for w, t in searched)
        corrected = " ".join(t for _, t in searched) if changed and hits else None
        suggestions = () if hits else self._suggestions(content)
        return SearchResults(query, hits, corrected, suggestions, only_stop_words=not hits and not content)

    def _shown(
        self, reader: SearchReader, ranked: list[tuple[NameHit | FtsHit, float]], words: list[str],
        with_sources: bool,
    ) -> tuple[SearchHit, ...]:
        """The ranked hits as the reader sees them: with a snippet and the sources each rests on.

        The searched words are highlighted; for an item found by its name, the sentence shown is the one with the
        query's other words (a sentence about Iran need not say "Iran" to answer "when did Iran join").
        """
        row_ids = [hit.row_id for hit, _ in ranked]
        texts = reader.texts(row_ids)
        sources = reader.sources(row_ids) if with_sources else {}
        highlighter = Highlighter.of(words)
        choosers: dict[tuple[str, ...], Highlighter] = {}

        def chooser(hit: NameHit | FtsHit) -> Highlighter | None:
            if not isinstance(hit, NameHit):
                return None
            others = tuple(w for w in words if not (_in_name(hit.key, w) or _in_name(name_key(hit.title), w)))
            if others not in choosers:
                choosers[others] = Highlighter.of(others)
            return choosers[others]

        return tuple(
            SearchHit(
                ItemRef(hit.id, ItemKind(hit.kind), hit.title),
                make_snippet(*texts.get(hit.row_id, (hit.title, "", "")), highlighter, chooser(hit)),
                score,
                sources.get(hit.row_id, ()),
            )
            for hit, score in ranked
        )

    # --- steps ------------------------------------------------------------------------------------

    def _corrected(self, reader: SearchReader, words: list[QueryWord], typing: bool) -> list[tuple[QueryWord, str]]:
        """Each word with the text searched for it: as typed, or the pack's nearest word when it matches nothing."""
        out = []
        for n, word in enumerate(words):
            text = word.typed
            if not (word.phrase or word.stop or word.han or word.folded.isdigit()) and not self._matches(reader, word):
                nearest = self.vocabulary.nearest(word.folded, typing=typing and n == len(words) - 1)
                if nearest is not None:
                    text = nearest.form.capitalize() if word.typed[:1].isupper() else nearest.form
            out.append((word, text))
        return out

    def _matches(self, reader: SearchReader, word: QueryWord) -> bool:
        return self.vocabulary.has_prefix(word.folded) or reader.matches_anything(word.term())

    def _names(
        self, reader: SearchReader, searched: list[tuple[QueryWord, str]], content: list[tuple[QueryWord, str]],
        query: str, kind: str | None, kinds: list[str], limit: int,
    ) -> list[NameHit]:
        whole = name_key(" ".join(t for _, t in searched))
        core = name_key(" ".join(t for _, t in content))
        keys = [whole, core]
        for run in han_runs(query[:MAX_QUERY_CHARS])[:MAX_HAN_RUNS]:
            run = run[:MAX_HAN_RUN]
            keys += [run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1)]
        exact = reader.names_equal(keys, kind, limit)
        hits: dict[int, NameHit] = {hit.row_id: hit for hit in exact}
        if kinds and len(content) > 1:
            # An item named inside a question, of the kind the question asks for: "when did Belarus join"
            parts = [name_key(t) for _, t in content]
            grams = [" ".join(parts[i:i + n]) for n in (1, 2, 3) for i in range(len(parts) - n + 1)]
            for hit in reader.names_equal(grams, kind, limit):
                if hit.kind in kinds and hit.row_id not in hits:
                    hits[hit.row_id] = hit
        prefix_key = core
        if len(prefix_key) >= 2:
            shown = 0
            for hit in reader.names_starting(prefix_key, kind, skip_kinds=SENTENCE_TITLED):
                if hit.row_id not in hits and shown < PREFIX_NAMES_SHOWN:
                    hits[hit.row_id] = hit
                    shown += 1
        return list(hits.values())

    def _full_text(
        self, reader: SearchReader, content: list[tuple[QueryWord, str]], kind: str | None, kinds: list[str],
        limit: int,
    ) -> list[FtsHit]:
        terms = [Term(t if w.phrase else plural_stem(t), w.phrase) for w, t in content]
        stages = [match_expression(terms)]
        topical = [term for term, (w, _) in zip(terms, content, strict=True) if not w.kind]
        if topical and len(topical) < len(terms):
            stages.append(match_expression(topical))
        if len(terms) > 1:
            stages.append(match_expression(terms, "OR"))
        hits: list[FtsHit] = []
        for match in stages:  # a stricter stage's hits first; a looser one fills the list
            seen = {hit.row_id for hit in hits}
            hits += [hit for hit in reader.ranked(match, limit, kind, kinds, KIND_FACTOR) if hit.row_id not in seen]
            if len(hits) >= limit:
                break
        return hits[:limit]

    def _suggestions(self, content: list[tuple[QueryWord, str]]) -> tuple[str, ...]:
        out: list[str] = []
        for word, _ in content:
            forms = [term.form for term in self.vocabulary.similar(word.folded)]
            out += [form.capitalize() if word.typed[:1].isupper() else form for form in forms]
        return tuple(dict.fromkeys(out))[:5]


def _mentioned_as(hit: NameHit) -> list[list[str]]:
    """The words a text names this item by, most precise first: a person by full name, then by surname ("Shahbaz
    Sharif", then "Sharif"); a country, a place or an organisation by its title without what stands in parentheses
    ("Kyrgyzstan", "Shanghai Cooperation Organization"); other kinds not at all (a corridor's or a document's title
    words are too common to search alone)."""
    words = WORD.findall(_PARENTHESES.sub(" ", hit.title))
    if hit.kind == ItemKind.PERSON.value:
        return [words, words[-1:]] if len(words) > 1 else [words]
    if hit.kind in (ItemKind.MEMBER.value, ItemKind.PARTNER.value, ItemKind.NODE.value, ItemKind.ORGANISATION.value):
        return [words]
    return []


def _in_name(key: str, word: str) -> bool:
    """Whether a searched word (or phrase) is the start of words of the name ``key``; in Chinese, part of it."""
    folded = name_key(word)
    parts = key.split()
    if has_han(folded):
        return folded in key or any(part in folded for part in parts)
    return all(any(part.startswith(piece) for part in parts) for piece in folded.split())


def _names_then_text(
    names: list[NameHit], fts_hits: list[FtsHit], limit: int
) -> list[tuple[NameHit | FtsHit, float]]:
    """Items named by the query first (exact names ahead of prefixes), then the full-text hits not among them."""
    top = max((hit.score for hit in fts_hits), default=1.0)
    ranked: list[tuple[NameHit | FtsHit, float]] = [
        (hit, top + (3.0 if hit.exact else 1.0) + 1.0 / (n + 2)) for n, hit in enumerate(names)
    ]
    seen = {hit.row_id for hit in names}
    ranked += [(hit, hit.score) for hit in fts_hits if hit.row_id not in seen]
    return _descending(ranked[:limit])


def _descending(ranked: list[tuple[NameHit | FtsHit, float]]) -> list[tuple[NameHit | FtsHit, float]]:
    """The hits in their order, each score capped by the one before: a looser stage never outscores a stricter one."""
    out: list[tuple[NameHit | FtsHit, float]] = []
    for hit, score in ranked:
        if out and score >= out[-1][1]:
            score = out[-1][1] * 0.999
        out.append((hit, score))
    return out
