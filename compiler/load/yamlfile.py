"""Load stage, part one: YAML text -> plain Python values plus the position of every node.

Takes a file; gives `Loaded(value, positions)`. Only the safe YAML types are built
(no arbitrary objects), duplicate keys are errors (PyYAML silently keeps the last),
and alias expansion is budgeted so an alias bomb is refused instead of eating memory.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from compiler.diagnostics import BriefError, Problem, not_utf8
from compiler.model import Location

# A path into the document: ("sections", 0, "quotes", 1, "text").
Path_ = tuple[Any, ...]

# An outline has hundreds of nodes; a billion-laughs document has billions.
MAX_NODES = 200_000
# An outline nests six levels or so; thousands only exhaust Python's stack.
MAX_DEPTH = 64


@dataclass
class Positions:
    """Where each value (and each mapping key) was written."""

    file: str
    values: dict[Path_, yaml.Node] = field(default_factory=dict)
    keys: dict[Path_, yaml.Node] = field(default_factory=dict)

    def of(self, path: Path_) -> Location:
        """The location of the value at `path`, or of its nearest written ancestor."""
        path = tuple(path)
        while path and path not in self.values:
            path = path[:-1]
        return self._loc(self.values.get(path))

    def of_key(self, path: Path_) -> Location:
        """The location of the key that introduced `path` (for unknown keys)."""
        node = self.keys.get(tuple(path))
        return self._loc(node) if node is not None else self.of(path)

    def inside(self, path: Path_, offset: int) -> Location:
        """The location of character `offset` inside the string scalar at `path`."""
        node = self.values.get(tuple(path))
        if not isinstance(node, yaml.ScalarNode):
            return self.of(path)
        return _offset_location(self.file, node, offset)

    def _loc(self, node: yaml.Node | None) -> Location:
        if node is None:
            return Location(self.file, 1, 1)
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class Loaded:
    value: Any
    positions: Positions


def load_yaml(path: Path, shown_as: str, top_keys: str = "key") -> Loaded:
    """Read `path` and build values with positions; errors name `shown_as`.
    `top_keys` says what the top-level keys are, for messages ("source id")."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise BriefError([not_utf8(shown_as, e)]) from None
    return load_yaml_text(text, shown_as, top_keys)


def load_yaml_text(text: str, shown_as: str, top_keys: str = "key") -> Loaded:
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as e:       # a NUL or other unprintable byte in the file
        raise BriefError([_reader_problem(e, text, shown_as)]) from None
    try:
        root = loader.get_single_node()
        positions = Positions(shown_as)
        value = _Builder(loader, positions, top_keys).build(root, ()) if root is not None else None
    except yaml.MarkedYAMLError as e:
        raise BriefError([_yaml_problem(e, shown_as)]) from None
    except yaml.reader.ReaderError as e:
        raise BriefError([_reader_problem(e, text, shown_as)]) from None
    except yaml.YAMLError as e:
        raise BriefError([Problem(Location(shown_as, 1, 1), "error", f"invalid YAML: {e}")]) from None
    except RecursionError:
        raise BriefError([_too_deep(text, shown_as)]) from None
    finally:
        loader.dispose()
    return Loaded(value, positions)


def _reader_problem(e: yaml.reader.ReaderError, text: str, shown_as: str) -> Problem:
    line = text.count("\n", 0, e.position) + 1
    col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
    return Problem(Location(shown_as, line, col), "error",
                   f"invalid YAML: the control character U+{e.character:04X} is not allowed in a YAML file")


def _too_deep(text: str, shown_as: str) -> Problem:
    """Where nesting passes MAX_DEPTH, found with PyYAML's event parser (which, unlike its
    composer, does not recurse)."""
    depth, at = 0, Location(shown_as, 1, 1)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    at = Location(shown_as, mark.line + 1, mark.column + 1)
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Problem(at, "error", f"lists and mappings nested more than {MAX_DEPTH} deep; "
                                "an outline needs a handful of levels")


def _yaml_problem(e: yaml.MarkedYAMLError, shown_as: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    loc = Location(shown_as, mark.line + 1, mark.column + 1) if mark else Location(shown_as, 1, 1)
    what = " ".join(s for s in (e.context, e.problem) if s)
    return Problem(loc, "error", f"invalid YAML: {what}")


# Collections are only ever plain lists and mappings: any other tag (e.g.
# !!python/object) is refused rather than silently read as a list.
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Builder:
    """Turns composed nodes into values, recording positions as it goes."""

    def __init__(self, loader: yaml.SafeLoader, positions: Positions, top_keys: str):
        self.loader = loader
        self.top_keys = top_keys
        self.positions = positions
        self.count = 0
        self.flat: dict[int, list[tuple[str, yaml.Node, yaml.Node]]] = {}    # by id(mapping node)
        self.flattening: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if len(path) > MAX_DEPTH:
            raise BriefError([Problem(self.positions._loc(node), "error",
                                      f"lists and mappings nested more than {MAX_DEPTH} deep; "
                                      "an outline needs a handful of levels")])
        if self.count > MAX_NODES:
            raise BriefError([Problem(self.positions._loc(node), "error",
                                      f"document expands to more than {MAX_NODES:,} nodes "
                                      "(an alias bomb?); refusing to load it")])
        self.positions.values.setdefault(path, node)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise BriefError([Problem(self.positions._loc(node), "error",
                                      f"invalid YAML: unsupported tag `{node.tag}`")])
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key, key_node, value_node in self._pairs(node, path):
            self.positions.keys[path + (key,)] = key_node
            result[key] = self.build(value_node, path + (key,))
        return result

    def _pairs(self, node: yaml.MappingNode, path: Path_) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """A mapping's (key, key node, value node), YAML merge keys (`<<: *defaults`,
        `<<: [*a, *b]`) resolved: the mapping's own keys win, then the merged mappings in
        the order written. A key written twice in the mapping itself is an error; a key
        the mapping and a merged one share is not. Each mapping is flattened once, its
        keys counted once however often it is merged, so a merge bomb stays small (and
        its values are counted by `build`)."""
        done = self.flat.get(id(node))
        if done is not None:
            return done
        if id(node) in self.flattening:
            raise BriefError([Problem(self.positions._loc(node), "error",
                                      "invalid YAML: a merge key `<<` merges the mapping it is in")])
        self.flattening.add(id(node))
        own: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                for source in value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]:
                    if not isinstance(source, yaml.MappingNode):
                        raise BriefError([Problem(self.positions._loc(source), "error",
                                                  "invalid YAML: a merge key `<<` takes a mapping or a list "
                                                  "of mappings, such as `<<: *defaults`")])
                    for key, k, v in self._pairs(source, path):
                        merged.setdefault(key, (k, v))
                continue
            key = self._key(key_node)
            if key in own:
                raise BriefError([Problem(self.positions._loc(key_node), "error",
                                          f"duplicate {self.top_keys if not path else 'key'} `{key}` "
                                          f"(first written at line {own[key][0].start_mark.line + 1})")])
            own[key] = (key_node, value_node)
        pairs = [(key, *own.get(key, kv)) for key, kv in merged.items()]
        pairs += [(key, *kv) for key, kv in own.items() if key not in merged]
        self.flattening.discard(id(node))
        self.flat[id(node)] = pairs
        return pairs

    def _key(self, key_node: yaml.Node) -> str:
        key = self.loader.construct_object(key_node, deep=True) if isinstance(key_node, yaml.ScalarNode) else []
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise BriefError([Problem(self.positions._loc(key_node), "error",
                                      "a mapping key must be a plain word")])
        return str(key) if not isinstance(key, str) else key


def _offset_location(file: str, node: yaml.ScalarNode, offset: int) -> Location:
    """Map an offset in a scalar's value to the file, exactly for literal blocks
    and single-line scalars (the common cases), else to the scalar's start."""
    start = node.start_mark
    if node.style == "|":
        value: str = node.value
        line_index = value.count("\n", 0, offset)
        line_start = value.rfind("\n", 0, offset) + 1
        indent = _block_indent(start.buffer, node) if start.buffer else 0
        return Location(file, start.line + 2 + line_index, indent + offset - line_start + 1)
    if node.start_mark.line == node.end_mark.line:
        quote = 1 if node.style in ("'", '"') else 0
        return Location(file, start.line + 1, start.column + 1 + quote + offset)
    return Location(file, start.line + 1, start.column + 1)


def _block_indent(buffer: str, node: yaml.ScalarNode) -> int:
    """Indentation of a literal block's first content line."""
    lines = buffer.splitlines()
    for line in lines[node.start_mark.line + 1:]:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0
