"""The pieces under search: folding, snippets with highlights, plural stems, the typo vocabulary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.domain.items import mark_snippet
from briefing_app.persistence.fts import VocabularyTerm
from briefing_app.persistence.search_text import fold, name_key
from briefing_app.services.search_query import parse_query, plural_stem
from briefing_app.services.search_snippets import Highlighter, fold_in_place, make_snippet
from briefing_app.services.search_vocabulary import Vocabulary


@pytest.mark.parametrize(("text", "folded"), [("Khürelsükh", "khurelsukh"), ("Erdoğan", "erdogan"),
                                              ("TÜRKİYE", "turkiye"), ("Xi'an", "xi'an")])
def test_case_and_diacritics_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_name_key_ignores_punctuation() -> None:
    assert name_key("Kassym-Jomart  Tokayev") == "kassym jomart tokayev"
    assert name_key("“Central Asia – South Asia” vector") == "central asia south asia vector"


@pytest.mark.parametrize("text", ["İstanbul", "Straße", "ﬁnance “quoted” – x", "哈萨克斯坦", "Ёлка"])
def test_folding_in_place_keeps_every_position(text: str) -> None:
    assert len(fold_in_place(text)) == len(text)


def test_highlights_fold_and_find_han_inside_a_run() -> None:
    highlighter = Highlighter.of(["khurelsukh", "Tok", "哈萨克"])
    marked = mark_snippet(highlighter.mark("President Khürelsükh met TOKAYEV in 哈萨克斯坦总统 Intoken"), "[", "]")
    assert marked == "President [Khürelsükh] met [TOKAYEV] in [哈萨克]斯坦总统 Intoken"


def test_a_snippet_is_the_sentence_with_most_searched_words() -> None:
    summary = "Kazakhstan chaired the SCO. Its trade with SCO countries grew 6.5% in 2023. Tokayev said so."
    snippet = make_snippet("Title", summary, "", Highlighter.of(["trade", "grew"]))
    assert mark_snippet(snippet, "[", "]") == "Its [trade] with SCO countries [grew] 6.5% in 2023."


def test_a_long_sentence_is_cut_around_the_match() -> None:
    body = " ".join(["word"] * 60 + ["Almaty"] + ["word"] * 60) + "."
    snippet = make_snippet("T", "", body, Highlighter.of(["Almaty"]))
    assert "Almaty" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 200


@pytest.mark.parametrize(("word", "stem"), [("observers", "observer"), ("countries", "countr"), ("Belarus", "Belarus"),
                                            ("RATS", "RATS"), ("ports", "port"), ("Caspian", "Caspian"),
                                            ("Казахстаны", "Казахстаны"), ("process", "process")])
def test_plural_stems(word: str, stem: str) -> None:
    assert plural_stem(word) == stem


def test_a_query_keeps_phrases_and_marks_stop_and_kind_words() -> None:
    words = parse_query('which members joined "Belt and Road" members')
    assert [(w.typed, w.stop, w.kind, w.phrase) for w in words] == [
        ("which", True, None, False), ("members", False, "member", False), ("joined", False, "member", False),
        ("Belt and Road", False, None, True),
    ]


def test_the_vocabulary_corrects_within_two_edits_preferring_names() -> None:
    vocabulary = Vocabulary([
        VocabularyTerm("pakistan", "pakistan", 9, True),
        VocabularyTerm("pakistani", "pakistani", 3, False),
        VocabularyTerm("tokayev", "tokayev", 30, True),
    ])
    assert vocabulary.has_prefix("paki") and not vocabulary.has_prefix("pakj")
    found = vocabulary.nearest("pakistn")
    assert found is not None and found.term == "pakistan"
    found = vocabulary.nearest("pakjs", typing=True)
    assert found is not None and found.term == "pakistan"
    assert vocabulary.nearest("pakjs") is None  # a finished word is compared whole
    assert vocabulary.nearest("tok") is None  # too short to correct
    assert vocabulary.nearest("zzzzzzz") is None


def _snippet_sentence_by_sentence(title: str, summary: str, body: str, highlighter: Highlighter) -> str:
    """The plain reading of the snippet rule, one sentence at a time: what the one-pass make_snippet must equal."""
    from briefing_app.services.search_snippets import _window, sentences

    candidates = [*sentences(summary), *sentences(body)]
    best, best_count = "", 0
    for sentence in candidates:
        count = highlighter.count(sentence)
        if count > best_count:
            best, best_count = sentence, count
    if not best:
        best = candidates[0] if candidates else title
    return highlighter.mark(_window(best, highlighter))


_SNIPPET_ALPHABET = st.sampled_from(list("ab cA.!?;…。\n\t ÜüéИи哈萨克,-'") + ["Ab", "ab.", "ca ", "İ"])


@settings(max_examples=400, deadline=None)
@given(summary=st.lists(_SNIPPET_ALPHABET, max_size=40).map("".join),
       body=st.lists(_SNIPPET_ALPHABET, max_size=40).map("".join),
       words=st.lists(st.sampled_from(["a", "ab", "c", "ü", "и", "哈萨", "克", "ca"]), min_size=1, max_size=3))
def test_a_snippet_found_in_one_pass_is_the_sentence_by_sentence_choice(
    summary: str, body: str, words: list[str]
) -> None:
    highlighter = Highlighter.of(words)
    expected = _snippet_sentence_by_sentence("T", summary, body, highlighter)
    assert make_snippet("T", summary, body, highlighter) == expected


def test_an_initial_does_not_end_a_sentence() -> None:
    summary = "India was represented by its foreign minister, S. Jaishankar, rather than by Modi. Next sentence."
    snippet = make_snippet("India", summary, "", Highlighter.of(["Modi"]))
    expected = "India was represented by its foreign minister, S. Jaishankar, rather than by [Modi]."
    assert mark_snippet(snippet, "[", "]") == expected
