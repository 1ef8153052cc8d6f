"""A fast reader for the plain block YAML that packs are written in; anything else is left to libyaml.

libyaml parses a large pack quickly, but PyYAML then builds a Python node for every value and constructs the
result from the nodes in Python: most of a large pack's build. Packs are plain block YAML: mappings of simple
keys, lists, plain and quoted scalars, folded and literal blocks, one-line flow lists and mappings. This module
reads exactly that subset, line by line, to the same result as PyYAML's safe loader (same YAML 1.1 scalar
resolution: the loader's own resolver and constructors decide every plain scalar that is not a string; aliases
give the same object). It refuses (:class:`NotPlainYaml`) anything outside the subset or anything it is unsure
of: tabs, tags, complex keys, comments inside a value, escapes in double quotes, block indentation indicators,
more-indented folded lines, document markers, multi-line flow collections, a value past the size limits, any
text libyaml would reject. The caller then loads the text with the full loader, which gives the result, or the
error with its line and column, exactly as before. Tests compare the two readers on the real pack, the
synthetic large packs and varied documents.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["NotPlainYaml", "load_plain"]


class NotPlainYaml(Exception):
    """The text uses YAML this reader leaves to the full loader (or is not valid YAML)."""


#: Characters libyaml refuses or treats specially (tabs, other line breaks, a byte-order mark inside): any one
#: sends the text to the full loader.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
#: A simple key followed by ``:`` and a space or the end of the line ("id:", "attrs:", "member:kaz:").
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.-]+)*):(?: +|$)")
_ANCHOR = re.compile(r"&([A-Za-z0-9_-]+)(?: +|$)")
_ALIAS = re.compile(r"\*([A-Za-z0-9_-]+)")
_SINGLE_END = re.compile(r"([^']*(?:''[^']*)*)'")  # the rest of a single-quoted scalar, to its closing quote
_SINGLE_PART = re.compile(r"[^']*(?:''[^']*)*")  # a line inside it (no closing quote)
_DOUBLE_END = re.compile(r'([^"\\]*)"')
_DOUBLE_PART = re.compile(r'[^"\\]*')
#: A scalar inside a one-line flow collection: single-quoted, double-quoted without escapes, or plain without
#: a flow indicator, quote or comment in it (and, checked after, no ``: ``).
_FLOW_SCALAR = (r"(?:'(?P<{p}sq>[^']*(?:''[^']*)*)'|\"(?P<{p}dq>[^\"\\]*)\""
                r"|(?P<{p}pl>[^ ,\[\]{{}}#&*!|>'\"%@`?:-][^,\[\]{{}}#]*?))")
_FLOW_ITEM = re.compile(" *" + _FLOW_SCALAR.format(p="") + " *(?P<sep>,|$)")
_FLOW_PAIR = re.compile(" *" + _FLOW_SCALAR.format(p="") + " *: +" + _FLOW_SCALAR.format(p="v") + " *(?P<sep>,|$)")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_KEY = 1000
_DEPTH = 24  # deeper documents go to the full loader (its size check names the limit)

_STR = "tag:yaml.org,2002:str"
_CONSTRUCTED = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                          "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"})


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_entry(content: str) -> bool:
    """Whether a line's content (from its indentation) is a list entry ``- ...``."""
    return content[:1] == "-" and (len(content) == 1 or content[1] == " ")


def _plain_ok(text: str) -> bool:
    """Whether ``text`` (one stripped line) can be part of a plain scalar as the full loader reads it."""
    return ": " not in text and " #" not in text and text[-1] != ":"


def _expanded(value: Any, measured: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(values, levels) of ``value`` with every alias in it expanded, each container measured once."""
    if not isinstance(value, dict | list):
        return 1, 0
    known = measured.get(id(value))
    if known is None:
        size, levels = 1, 0
        for child in [*value.keys(), *value.values()] if isinstance(value, dict) else value:
            child_size, child_levels = _expanded(child, measured)
            size += child_size
            levels = max(levels, child_levels + 1)
        known = measured[id(value)] = (size, levels)
    return known


def _fold(pieces: list[str], blanks: list[int]) -> str:
    """Lines of a flow scalar joined as YAML folds them: one break a space, n+1 breaks n newlines."""
    out = [pieces[0]]
    for piece, blank in zip(pieces[1:], blanks, strict=True):
        out.append("\n" * blank if blank else " ")
        out.append(piece)
    return "".join(out)


class _Reader:
    def __init__(self, text: str, loader: Any, max_values: int) -> None:
        self.lines = text.split("\n")
        self.n = len(self.lines)
        lstripped = [line.lstrip(" ") for line in self.lines]
        self.indents = [len(line) - len(rest) for line, rest in zip(self.lines, lstripped, strict=True)]
        self.texts = [rest.rstrip(" ") for rest in lstripped]  # each line without its indentation ("": blank)
        self.loader = loader
        self.max_values = max_values
        self.count = 0  # values read (containers, keys, scalars), as the size check counts them
        self.anchors: dict[str, Any] = {}
        self.aliases: list[tuple[int, Any]] = []  # (depth, value) of each alias used
        self.tags: dict[str, str] = {}
        self.keys: dict[str, Any] = {}  # simple keys met (no colon in them), as the loader makes them
        self.scalars: dict[str, Any] = {}
        resolvers = loader.yaml_implicit_resolvers
        if None in resolvers or loader.yaml_path_resolvers:  # pragma: no cover - not the safe loader's
            raise NotPlainYaml
        self.first = frozenset(resolvers)  # a plain scalar starting with another character is a string

    # --- lines ----------------------------------------------------------------------------------------

    def next_content(self, i: int) -> int:
        """The first line from ``i`` that is neither blank nor a comment (``n`` at the end)."""
        texts, n = self.texts, self.n
        while i < n:
            text = texts[i]
            if text and text[0] != "#":
                return i
            i += 1
        return n

    # --- documents and collections --------------------------------------------------------------------

    def document(self) -> Any:
        i = self.next_content(0)
        if i == self.n:
            return None
        line = self.lines[i].rstrip(" ")
        if line[:1] == " ":
            raise NotPlainYaml
        value: Any
        if _is_entry(line):
            value, i = self.sequence(i, 0, line, 1)
        else:
            split = self.split_key(line)
            if split is None:
                raise NotPlainYaml
            value, i = self.mapping(i, 0, split, 1)
        if self.next_content(i) != self.n:
            raise NotPlainYaml
        count = self.count
        measured: dict[int, tuple[int, int]] = {}
        for depth, target in self.aliases:  # each use of an alias counts as a copy of its value
            size, levels = _expanded(target, measured)
            count += size
            if depth + levels > _DEPTH:
                raise NotPlainYaml
        if count > self.max_values:
            raise NotPlainYaml
        return value

    def sequence(self, i: int, col: int, content: str, depth: int) -> tuple[list[Any], int]:
        """The list whose first entry is ``content`` (line ``i`` from column ``col``); entries at ``col``."""
        if depth > _DEPTH:
            raise NotPlainYaml
        self.count += 1
        out: list[Any] = []
        texts, indents, n, first = self.texts, self.indents, self.n, self.first
        value: Any
        while True:
            rest = content[1:].lstrip(" ")
            if not rest:
                value, i = self.value(i, col, "", depth, False)
            elif (rest[0] not in _INDICATORS and ": " not in rest and rest[-1] != ":" and " #" not in rest
                  and i + 1 < n and indents[i + 1] <= col and texts[i + 1]):
                # The common case: a one-line plain scalar (not a key, and the next line does not continue it).
                value = rest if rest[0] not in first else self.plain(rest)
                self.count += 1
                i += 1
            else:
                at = col + len(content) - len(rest)
                if _is_entry(rest):
                    value, i = self.sequence(i, at, rest, depth + 1)
                else:
                    split = self.split_key(rest)
                    if split is not None:
                        value, i = self.mapping(i, at, split, depth + 1)
                    else:
                        value, i = self.value(i, col, rest, depth, False)
            out.append(value)
            i = self.next_content(i)
            if i == self.n:
                return out, i
            indent = indents[i]
            if indent != col:
                if indent > col:
                    raise NotPlainYaml
                return out, i
            content = texts[i]
            if not _is_entry(content):
                return out, i  # a key of the mapping this list is the value of

    def split_key(self, content: str) -> tuple[Any, str] | None:
        """(key, the rest of the line) of a line ``key: ...``, the key as the safe loader makes it; None if the
        line is not one."""
        match = _KEY.match(content)
        if match is None:
            return None
        if match.end() > _MAX_KEY:
            raise NotPlainYaml  # libyaml refuses a simple key this long
        raw = match.group(1)
        key = self.plain(raw)
        if ":" not in raw:
            self.keys[raw] = key  # known: the next line with this key is split without the expression
        return key, content[match.end():]

    def mapping(self, i: int, col: int, split: tuple[Any, str], depth: int) -> tuple[dict[Any, Any], int]:
        """The mapping whose first key and its rest are ``split`` (line ``i``, keys at column ``col``)."""
        if depth > _DEPTH:
            raise NotPlainYaml
        self.count += 1
        out: dict[Any, Any] = {}
        texts, indents, n, first, keys = self.texts, self.indents, self.n, self.first, self.keys
        key, rest = split
        while True:
            i += 1
            if (rest and rest[0] not in _INDICATORS and i < n and indents[i] <= col and texts[i]
                    and ": " not in rest and " #" not in rest and rest[-1] != ":"):
                # The common case: a one-line plain scalar (the next line is not a continuation of it).
                out[key] = rest if rest[0] not in first else self.plain(rest)
                self.count += 2
            else:
                self.count += 1
                out[key], i = self.value(i - 1, col, rest, depth, True)
            while i < n:  # next_content, inline
                text = texts[i]
                if text and text[0] != "#":
                    break
                i += 1
            else:
                return out, i
            indent = indents[i]
            if indent != col:
                if indent > col:
                    raise NotPlainYaml
                return out, i
            content = texts[i]
            colon = content.find(":")
            raw = content[:colon]
            if colon > 0 and raw in keys and (len(content) == colon + 1 or content[colon + 1] == " "):
                key, rest = keys[raw], content[colon + 2:].lstrip(" ")  # what split_key gives, sooner
            else:
                found = self.split_key(content)
                if found is None:
                    raise NotPlainYaml
                key, rest = found

    # --- values ---------------------------------------------------------------------------------------

    def value(self, i: int, col: int, rest: str, depth: int, in_mapping: bool) -> tuple[Any, int]:
        """The value starting with ``rest`` on line ``i``, in a collection at column ``col``; (value, next line)."""
        if not rest:
            j = self.next_content(i + 1)
            if j < self.n:
                indent = self.indents[j]
                content = self.texts[j]
                if indent > col or (indent == col and in_mapping and _is_entry(content)):
                    if _is_entry(content):
                        return self.sequence(j, indent, content, depth + 1)
                    split = self.split_key(content)
                    if split is None or indent == col:
                        raise NotPlainYaml
                    return self.mapping(j, indent, split, depth + 1)
            self.count += 1
            return None, i + 1
        first = rest[0]
        if first == "'" or first == '"':
            self.count += 1
            return self.quoted(i, col, rest)
        if first == ">" or first == "|":
            self.count += 1
            return self.block(i, col, rest)
        if first == "[" or first == "{":
            return self.flow_lines(i, col, rest)
        if first == "&":
            match = _ANCHOR.match(rest)
            if match is None or match.group(1) in self.anchors or _KEY.match(rest, match.end()):
                raise NotPlainYaml
            value, i = self.value(i, col, rest[match.end():], depth, in_mapping)
            self.anchors[match.group(1)] = value
            return value, i
        if first == "*":
            match = _ALIAS.fullmatch(rest)
            if match is None or match.group(1) not in self.anchors:
                raise NotPlainYaml
            value = self.anchors[match.group(1)]
            self.aliases.append((depth, value))
            return value, i + 1
        if (first in _INDICATORS and not (first == "-" and len(rest) > 1 and rest[1] != " ")) or not _plain_ok(rest):
            raise NotPlainYaml
        self.count += 1
        return self.plain_lines(i, col, rest)

    def plain_lines(self, i: int, col: int, rest: str) -> tuple[Any, int]:
        """A plain scalar, continued on the lines below indented deeper than its collection."""
        texts, indents, n = self.texts, self.indents, self.n
        j = i + 1
        pieces: list[str] | None = None
        blanks: list[int] = []
        blank = 0
        while j < n:
            stripped = texts[j]
            if not stripped:
                blank += 1
                j += 1
                continue
            if indents[j] <= col:
                break
            if stripped[0] in _INDICATORS or not _plain_ok(stripped):
                raise NotPlainYaml
            if pieces is None:
                pieces = [rest]
            pieces.append(stripped)
            blanks.append(blank)
            blank = 0
            j += 1
            i = j - 1
        if pieces is None:
            return self.plain(rest), i + 1
        return self.plain(_fold(pieces, blanks)), i + 1

    def plain(self, text: str) -> Any:
        """A plain scalar as the safe loader makes it: a string, or what its resolved tag constructs."""
        if text and text[0] not in self.first:
            return text
        tag = self.tags.get(text)
        if tag is None:
            tag = self.tags[text] = self.loader.resolve(yaml.ScalarNode, text, (True, False))
        if tag == _STR:
            return text
        if tag not in _CONSTRUCTED:
            raise NotPlainYaml  # a merge key, "=": the full loader
        if text in self.scalars:
            return self.scalars[text]
        try:
            value = self.loader.yaml_constructors[tag](self.loader, yaml.ScalarNode(tag, text))
        except Exception as exc:  # noqa: BLE001 - an invalid date, ...: the full loader reports it
            raise NotPlainYaml from exc
        if type(value) in (int, float, bool, type(None)):
            self.scalars[text] = value  # immutable: one object serves every occurrence
        return value

    def quoted(self, i: int, col: int, rest: str) -> tuple[str, int]:
        quote = rest[0]
        end, part = (_SINGLE_END, _SINGLE_PART) if quote == "'" else (_DOUBLE_END, _DOUBLE_PART)
        match = end.fullmatch(rest, 1)
        if match is not None:
            text = match.group(1)
            return (text.replace("''", "'") if quote == "'" else text), i + 1
        if part.fullmatch(rest, 1) is None:
            raise NotPlainYaml  # text after the closing quote, or a backslash escape
        head = rest[1:].rstrip(" ")
        if not head:
            raise NotPlainYaml
        pieces, blanks, blank = [head], [], 0
        lines, n = self.lines, self.n
        j = i + 1
        while j < n:
            line = lines[j]
            stripped = line.strip(" ")
            if not stripped:
                blank += 1
                j += 1
                continue
            if _indent(line) <= col:
                raise NotPlainYaml
            match = end.fullmatch(stripped)
            if match is not None:
                pieces.append(match.group(1))
                blanks.append(blank)
                text = _fold(pieces, blanks)
                return (text.replace("''", "'") if quote == "'" else text), j + 1
            if part.fullmatch(stripped) is None:
                raise NotPlainYaml
            pieces.append(stripped)
            blanks.append(blank)
            blank = 0
            j += 1
        raise NotPlainYaml  # not closed

    def block(self, i: int, col: int, header: str) -> tuple[str, int]:
        """A folded (``>``) or literal (``|``) block scalar, clipped or stripped (``-``)."""
        if header not in (">", ">-", "|", "|-"):
            raise NotPlainYaml
        lines, n = self.lines, self.n
        j = i + 1
        if j >= n or not lines[j].strip(" "):
            raise NotPlainYaml  # empty, or led by blank lines
        width = _indent(lines[j])
        if width <= col:
            raise NotPlainYaml
        pieces: list[str] = []
        blanks: list[int] = []
        blank = 0
        while j < n:
            line = lines[j]
            if not line.strip(" "):
                if len(line) > width:
                    raise NotPlainYaml  # spaces past the indentation are text
                blank += 1
                j += 1
                continue
            indent = _indent(line)
            if indent < width:
                if line[indent] == "#":
                    raise NotPlainYaml
                break
            if indent > width:
                raise NotPlainYaml  # more-indented lines fold differently
            pieces.append(line[width:])
            blanks.append(blank)
            blank = 0
            j += 1
        if header[-1] != "-" and j == n and lines[-1].strip(" "):
            raise NotPlainYaml  # the last line has no line break to keep
        if header[0] == ">":
            text = _fold(pieces, blanks[1:])
        else:
            text = "".join(("\n" * (blank + 1) if k else "") + piece
                           for k, (piece, blank) in enumerate(zip(pieces, blanks, strict=True)))
        return (text if header[-1] == "-" else text + "\n"), j

    def flow_lines(self, i: int, col: int, text: str) -> tuple[Any, int]:
        """A flow list or mapping, continued on the lines below (line breaks in it are spaces: no blank line)."""
        close = "]" if text[0] == "[" else "}"
        lines, n = self.lines, self.n
        j = i + 1
        while True:
            comment = text.find(" #")  # a comment after the closing bracket
            if comment >= 0 and text[:comment].rstrip(" ")[-1:] == close:
                return self.flow(text[:comment].rstrip(" ")), j
            if text[-1] == close:
                return self.flow(text), j
            if j >= n:
                raise NotPlainYaml
            line = lines[j]
            stripped = line.strip(" ")
            if not stripped or _indent(line) <= col:
                raise NotPlainYaml
            text = f"{text} {stripped}"
            j += 1

    def flow(self, text: str) -> Any:
        """A one-line flow list or mapping of plain or quoted scalars: ``[]``, ``[a, 'b']``, ``{a: b, c: d}``."""
        close = "]" if text[0] == "[" else "}"
        if text[-1] != close:
            raise NotPlainYaml
        inner = text[1:-1]
        self.count += 1
        if not inner.strip(" "):
            return [] if close == "]" else {}
        pattern = _FLOW_ITEM if close == "]" else _FLOW_PAIR
        scalars: list[Any] = []
        at, end = 0, len(inner)
        while at < end:
            match = pattern.match(inner, at)
            if match is None or (match.group("sep") and match.end() == end):
                raise NotPlainYaml  # not a plain or quoted scalar, or a trailing comma
            scalars.append(self.flow_scalar(match, ""))
            if close == "}":
                scalars.append(self.flow_scalar(match, "v"))
            at = match.end()
        self.count += len(scalars)
        if close == "]":
            return scalars
        return dict(zip(scalars[::2], scalars[1::2], strict=True))

    def flow_scalar(self, match: re.Match[str], prefix: str) -> Any:
        single, double, plain = match.group(f"{prefix}sq", f"{prefix}dq", f"{prefix}pl")
        if single is not None:
            return single.replace("''", "'")
        if double is not None:
            return double
        if not _plain_ok(plain):
            raise NotPlainYaml
        return self.plain(plain)


def load_plain(text: str, loader: Any, max_values: int) -> Any:
    """``text`` read as PyYAML's safe ``loader`` would read it; raises :class:`NotPlainYaml` when the text is not
    plain block YAML, or holds more than ``max_values`` values (each use of an alias counting as a copy) or
    values nested deeper than a pack's (the full loader's size check then names the limit)."""
    if _UNUSUAL.search(text):
        raise NotPlainYaml
    return _Reader(text, loader, max_values).document()
