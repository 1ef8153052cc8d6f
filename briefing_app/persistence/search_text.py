"""What search does to text before comparing it: folding, words, stop words, kind words, Chinese runs.

The same folding is applied when the content database is built (names, vocabulary) and to every query, so
"Khurelsukh" meets "Khürelsükh", "TOKAYEV" meets "Tokayev" and "ё" meets "е". It matches what FTS5's
``unicode61 remove_diacritics 2`` tokenizer does to the indexed text: case and diacritics go, letters of any
script stay.
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
# Han ideographs (CJK Unified, Extension A, Compatibility): Chinese is written without spaces between words.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

#: Words of a question that carry no subject on their own ("which members are ..."): never searched alone.
STOP_WORDS = frozenset("""
a about after all also an and any are as at be been before being but by can could did do does doing for from
had has have how i if in into is it its me my of on or our should so than that the their them then there these
they this those to was we were what when where which while who whom whose why will with would you your
tell show list give find me please
""".split())  # noqa: SIM905 - a paragraph of words reads better than a list

#: Words that say which kind of item is wanted; they weigh results toward that kind.
KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(("member", "members", "state", "states", "country", "countries", "joined", "join"), "member"),
    **dict.fromkeys(("partner", "partners", "observer", "observers", "dialogue"), "partner"),
    **dict.fromkeys(("person", "people", "leader", "leaders", "president", "presidents", "who", "whom",
                     "minister", "head", "heads"), "person"),
    **dict.fromkeys(("propose", "proposes", "proposed", "proposal", "proposals", "suggest", "suggested",
                     "initiative", "initiatives", "idea", "ideas"), "proposal"),
    **dict.fromkeys(("corridor", "corridors", "route", "routes", "railway", "railways", "transport"), "corridor"),
    **dict.fromkeys(("port", "ports", "city", "cities", "station", "hub"), "node"),
    **dict.fromkeys(("achievement", "achievements", "achieved", "results", "outcome", "outcomes"), "achievement"),
    **dict.fromkeys(("priority", "priorities"), "priority"),
    **dict.fromkeys(("document", "documents", "declaration", "strategy", "agreement", "signed", "adopted",
                     "plan", "programme", "program"), "document"),
    **dict.fromkeys(("project", "projects", "festival"), "project"),
    **dict.fromkeys(("figure", "figures", "many", "much", "percent", "billion", "million", "number", "share"),
                    "figure"),
    **dict.fromkeys(("organisation", "organisations", "organization", "organizations", "body", "bodies",
                     "structure"), "organisation"),
    **dict.fromkeys(("concept", "concepts", "spirit", "principle", "principles"), "concept"),
}


def fold(text: str) -> str:
    """Lower case without diacritics; letters of every script kept (``"Khürelsükh" -> "khurelsukh"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def folded_words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def name_key(text: str) -> str:
    """A name as compared with a query: folded words joined by one space ("Xi'an" -> "xi an")."""
    return " ".join(folded_words(text))


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def han_runs(text: str) -> list[str]:
    return _HAN.findall(text)
