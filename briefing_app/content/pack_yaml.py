"""YAML of a briefing pack, read with bounds: a safe loader, aliases and nesting limited, numbers kept numbers.

A few hundred bytes of YAML aliases expand to billions of values (the "billion laughs"): whatever walks the
result (validation, an error report) would never return. :func:`check_yaml_size` measures what a document
expands to without expanding it, and refuses one past the limits, naming them.
"""

from __future__ import annotations

from typing import Any

import yaml

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


class _PackYamlLoader(_YamlLoader):
    """The safe loader, keeping integers too long to be numbers aside instead of failing with no place named."""


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


def load_yaml(text: str) -> Any:
    """Parse one YAML document and check its size; raises yaml.YAMLError or :class:`YamlLimitError`."""
    data = yaml.load(text, Loader=_PackYamlLoader)  # noqa: S506 - a safe loader
    check_yaml_size(data)
    return data
