"""YAML of a briefing pack, read with bounds: a safe loader, aliases and nesting limited, numbers kept numbers.

A few hundred bytes of YAML aliases expand to billions of values (the "billion laughs"): whatever walks the
result (validation, an error report) would never return. :func:`check_yaml_size` measures what a document
expands to without expanding it, and refuses one past the limits, naming them.
"""

from __future__ import annotations

from typing import Any

import yaml

from briefing_app.content.plain_yaml import NotPlainYaml, load_plain

MAX_YAML_VALUES = 2_000_000  # values in one YAML file, counting every use of an alias as a copy
MAX_YAML_DEPTH = 32  # lists and mappings inside each other
MAX_NUMBER_DIGITS = 400  # longer than any float; Python refuses to read integers of 4,300 digits at all

try:  # libyaml is several times faster; PyYAML wheels ship it
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader


class OversizedNumber:
    """A YAML integer too long to be a number of a pack: kept as its length, so validation names the field."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<a number of {self.digits:,} digits>"


def _construct_int(constructor: Any, node: yaml.ScalarNode) -> Any:
    if len(node.value) > MAX_NUMBER_DIGITS:
        return OversizedNumber(sum(ch.isdigit() for ch in node.value))
    return yaml.constructor.SafeConstructor.construct_yaml_int(constructor, node)


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class _NodeInsideItself(Exception):
    """A node reached again while it is being built: the safe constructor builds the whole document."""


class _PackYamlLoader(_YamlLoader):
    """The safe loader, keeping integers too long to be numbers aside instead of failing with no place named.

    Two shortcuts keep a large pack fast, with the safe loader's result unchanged: a plain scalar's tag is
    resolved once per distinct text (keys such as ``id`` and ``title`` recur in every item), and strings, plain
    mappings and lists are built straight from the node tree; anything else (numbers, dates, merge keys ``<<``,
    a node inside itself) goes through the safe constructor, and a node inside itself sends the whole document there.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        cache: dict[tuple[str, Any], str] = self.__dict__.setdefault("_tags", {})
        key = (value, implicit)
        tag = cache.get(key)
        if tag is None:
            tag = cache[key] = super().resolve(kind, value, implicit)
        return tag

    def construct_document(self, node: Any) -> Any:
        built: dict[int, Any] = {}  # id of a node -> its value: an alias yields the same object, as in PyYAML
        building: set[int] = set()
        fallback = super().construct_object

        def construct(node: Any) -> Any:
            known = built.get(id(node))
            if known is not None or id(node) in built:
                return known
            if id(node) in building:
                raise _NodeInsideItself
            tag = node.tag
            if tag == _STR_TAG and type(node) is yaml.ScalarNode:
                value: Any = node.value
            elif tag == _MAP_TAG and type(node) is yaml.MappingNode and not any(
                key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value
            ):
                building.add(id(node))
                value = {}
                for key_node, value_node in node.value:
                    key = construct(key_node)
                    try:
                        hash(key)
                    except TypeError:
                        return fallback(node, deep=True)  # the safe constructor names the unhashable key
                    value[key] = construct(value_node)
                building.discard(id(node))
            elif tag == _SEQ_TAG and type(node) is yaml.SequenceNode:
                building.add(id(node))
                value = [construct(child) for child in node.value]
                building.discard(id(node))
            else:
                value = fallback(node, deep=True)
            built[id(node)] = value
            return value

        try:
            return construct(node)
        except _NodeInsideItself:
            self.constructed_objects.clear()
            self.recursive_objects.clear()
            return super().construct_document(node)
        finally:
            self.constructed_objects.clear()
            self.recursive_objects.clear()


_PackYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


class YamlLimitError(ValueError):
    """A YAML document asks for more work than a pack may (aliases, nesting)."""


def _too_deep() -> YamlLimitError:
    return YamlLimitError(f"values are nested more than {MAX_YAML_DEPTH} levels deep; the limit is {MAX_YAML_DEPTH}")


def check_yaml_size(data: Any) -> None:
    """Raise :class:`YamlLimitError` if ``data`` nests deeper than MAX_YAML_DEPTH or holds more than
    MAX_YAML_VALUES values once every alias is expanded (what validation would walk).

    A container reached again (an alias) is measured once: the check costs the size of the document, not of
    its expansion, so an alias bomb is refused at once.
    """
    measured: dict[int, tuple[int, int]] = {}  # id of a container -> (values in it, levels below it)

    def measure(value: Any, depth: int) -> tuple[int, int]:
        if not isinstance(value, dict | list):
            return 1, 0
        known = measured.get(id(value))
        if known is None:
            if depth > MAX_YAML_DEPTH:
                raise _too_deep()
            children = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            size, levels = 1, 0
            for child in children:
                child_size, child_levels = measure(child, depth + 1)
                size += child_size
                levels = max(levels, child_levels + 1)
                if size > MAX_YAML_VALUES:
                    break
            known = measured[id(value)] = (size, levels)
        if depth + known[1] > MAX_YAML_DEPTH:
            raise _too_deep()
        if known[0] > MAX_YAML_VALUES:
            raise YamlLimitError(f"holds more than {MAX_YAML_VALUES:,} values (YAML aliases included); "
                                 f"the limit is {MAX_YAML_VALUES:,}")
        return known

    measure(data, 0)


def load_yaml_full(text: str) -> Any:
    """:func:`load_yaml` through PyYAML's loader alone (what a text outside the plain subset is read with)."""
    data = yaml.load(text, Loader=_PackYamlLoader)  # noqa: S506 - a safe loader
    check_yaml_size(data)
    return data


def load_yaml(text: str) -> Any:
    """Parse one YAML document and check its size; raises yaml.YAMLError or :class:`YamlLimitError`.

    Plain block YAML (what packs are written in) is read by :mod:`plain_yaml`, several times faster, to the
    same result; anything else, and every text with a problem, by PyYAML, whose errors name line and column.
    """
    try:
        return load_plain(text, _PackYamlLoader(""), MAX_YAML_VALUES)  # within the size limits
    except NotPlainYaml:
        return load_yaml_full(text)
