"""YAML text -> Python values, the safe subset only, with libyaml's parser when PyYAML has it.

PyYAML's pure-Python parser takes about a millisecond per catalogue entry (ten seconds for a
10,000-indicator catalogue); libyaml's builds the same values twenty times faster. Errors are
yaml.YAMLError from either.

Before any value is built, the document's node graph is checked against the bounds declared in
narrator.limits: nesting depth, and the number of values reached through aliases counted as
expanded (a "billion laughs" file is a few lines that reach 9**9 strings); a key that is empty
(null) is refused too. Each is a `YamlRefused` with the line it is on.

A mapping that names the same key twice is an error (a yaml.constructor.ConstructorError naming
the key and both lines): plain YAML loading keeps the last value and drops the first without a
word, and in the files officers write (config, catalogue, commentary) that loses their text.
"""

from __future__ import annotations

from functools import cache
from typing import Any


def load_yaml(text: str, *, kept: bool = False) -> Any:
    """The values `text` holds, as yaml.safe_load gives them (None for an empty document);
    a repeated key in any mapping raises yaml.constructor.ConstructorError. While the
    phrasebook loads, from narrator.load_cache when it has read the same text before; else,
    when `kept` (an officer's file, read at every build), from a file of its own in that
    cache (load_cache.text_value), so that a build of unchanged files imports no PyYAML."""
    from narrator import load_cache

    cache = load_cache.current()
    if cache is not None:
        found, value = cache.yaml_value(text)
    elif kept:
        found, value = load_cache.text_value(text)
    else:
        found, value = False, None
    if found:
        return value
    import yaml

    value = yaml.load(text, Loader=_loader())
    if cache is not None:
        cache.keep_yaml(text, value)
    elif kept:
        load_cache.keep_text_value(text, value)
    return value


_MERGE = "tag:yaml.org,2002:merge"
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_MAX_INT_CHARS = 40


class YamlRefused(Exception):
    """A YAML document over a bound of narrator.limits, or with an empty key; it has `problem`
    and `problem_mark` as PyYAML's own errors have (PyYAML is imported lazily, so this is not
    one of its yaml.YAMLError classes: catch both)."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def check_nodes(root: Any) -> None:
    """Walk a composed YAML node graph without recursion; raise YamlRefused for nesting deeper
    than MAX_YAML_DEPTH, more than MAX_YAML_ALIAS_NODES values reached through aliases, a node
    that contains itself, a null mapping key or a whole number too long to be a setting.

    Scalars (most of a file) are checked where their collection lists them, without a stack
    entry of their own: the walk costs a small fraction of composing the nodes."""
    from narrator.limits import MAX_YAML_ALIAS_NODES, MAX_YAML_DEPTH

    sizes: dict[int, int] = {}  # id(collection node) -> its size with aliases expanded
    scalars: set[int] = set()  # id(scalar node) seen once
    on_path: set[int] = set()
    aliased = 0
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]

    def alias(size: int, node: Any) -> None:
        nonlocal aliased
        aliased += size
        if aliased > MAX_YAML_ALIAS_NODES:
            raise YamlRefused(
                f"aliases (*name) here expand to more than {MAX_YAML_ALIAS_NODES:,} values "
                "(the limit): write the values out, or use fewer aliases",
                node.start_mark,
            )

    if not isinstance(root.value, list):
        _check_scalar(root)
        return
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1
            for child in _children(node):
                total += sizes.get(id(child), 1)
            sizes[key] = total
            continue
        if key in sizes:  # a collection seen before: this occurrence is an alias
            alias(sizes[key], node)
            continue
        if key in on_path:
            raise YamlRefused(
                "an alias refers to the value that contains it: remove the alias",
                node.start_mark,
            )
        if depth > MAX_YAML_DEPTH:
            raise YamlRefused(
                f"more than {MAX_YAML_DEPTH} levels of nesting (the limit): flatten the file",
                node.start_mark,
            )
        on_path.add(key)
        stack.append((node, depth, True))
        value = node.value
        if value and isinstance(value[0], tuple):
            for key_node, _ in value:
                if key_node.tag == _NULL:
                    raise YamlRefused(
                        "an empty key (nothing, '~' or 'null' before the ':'): give the key a "
                        "name, or quote it",
                        key_node.start_mark,
                    )
            _check_key_kinds(value)
        for child in _children(node):
            if isinstance(child.value, list):
                stack.append((child, depth + 1, False))
                continue
            child_key = id(child)
            if child_key in scalars:
                alias(1, child)
            else:
                scalars.add(child_key)
                _check_scalar(child)


_STR = "tag:yaml.org,2002:str"
_KINDS = {
    _INT: "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:timestamp": "a date",
}


def _check_key_kinds(pairs: list[tuple[Any, Any]]) -> None:
    """Refuse a mapping whose keys mix text with numbers, dates or true/false (`2024:` beside
    `title:`): each key is either a name or a number the file means as one, and sorting or
    matching them together cannot work. The number's key is named, with its line."""
    keys = [k for k, _ in pairs if k.tag != _MERGE and isinstance(k.value, str)]
    text = next((k for k in keys if k.tag == _STR), None)
    other = next((k for k in keys if k.tag in _KINDS), None)
    if text is not None and other is not None:
        raise YamlRefused(
            f"the key {other.value!r} is {_KINDS[other.tag]}, but the keys beside it (such as "
            f"{text.value!r}) are text: put it in quotes ('{other.value}') if it is a name, or "
            "check its indentation",
            other.start_mark,
        )


def _check_scalar(node: Any) -> None:
    if node.tag == _INT and len(node.value) > _MAX_INT_CHARS:
        raise YamlRefused(
            f"a whole number of {len(node.value):,} characters: no setting takes one; "
            "check the value, or put it in quotes if it is text",
            node.start_mark,
        )


def _children(node: Any) -> list[Any]:
    value = node.value
    if value and isinstance(value[0], tuple):
        return [part for pair in value for part in pair]
    return list(value)


@cache
def _loader() -> Any:
    """A safe loader (libyaml's when available) that refuses repeated mapping keys."""
    import yaml
    from yaml.constructor import ConstructorError

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeyLoader(base):  # type: ignore[misc, valid-type]
        def get_single_data(self) -> Any:
            node = self.get_single_node()
            if node is None:
                return None
            check_nodes(node)
            return self.construct_document(node)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:
                    continue  # "<<: *defaults" then an own key that overrides one is fine
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: the base class reports it
                if first is not key_node:
                    raise ConstructorError(
                        problem=(
                            f"line {key_node.start_mark.line + 1}: the key {key!r} is given "
                            f"again (first on line {first.start_mark.line + 1}); "
                            "the first value would be lost"
                        )
                    )
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader
