"""A phrase's parsed Jinja tree as plain data, and an interpreter that renders it as Jinja's
compiled template would, without importing Jinja or compiling Python.

Compiling a phrase with Jinja (its parser, its code generator and Python's compiler) and
importing Jinja were about a fifth of a warm sample build. Most phrases use a small part of the
language: text, values, `if`/`elif`/`else`, `a if c else b`, comparisons, `and`/`or`/`not`,
`~`, `x.attr`, `x[i]`, `x[i:j]`, `is none` and the phrasebook's own filters (article, and_list,
words, ordinal). Such a phrase's tree is kept as lists, strings and numbers (`tree_data`: in
narrator.load_cache, beside the phrase's analysis: data, never code) and rendered by `render`.
Anything else (loops, macros, `set`, calls, arithmetic, Jinja's built-in filters) gives no data:
the phrase is compiled and rendered by Jinja as before.

The interpreter follows what Jinja's sandboxed code does for each node: a printed value is
`str(finalize(value))`, `~` is the sandbox's bounded join, a slice is Python's, `x[i]` and
`x.attr` as the sandbox looks them up. Where Jinja's result could depend on what the interpreter
does not model (a value missing from the phrase's values, an attribute that is not there or is
not plain data, a lookup that fails) it raises `Decline`, and the caller renders the phrase with
Jinja, which gives the text or error it always gave: every step is free of effects (the
filters are pure functions), so rendering again with Jinja after a `Decline` changes nothing.
"""

from __future__ import annotations

import operator
import types
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from narrator.language.phrase_bounds import bounded_join

if TYPE_CHECKING:
    from jinja2 import nodes

TREE_FILTERS = frozenset({"article", "and_list", "words", "ordinal"})
"""The filters a kept tree may call: the phrasebook's own (narrator.language.templating)."""

_PLAIN = (str, int, float, bool, type(None))

_INTERNAL = (
    type,
    types.FunctionType,
    types.MethodType,
    types.BuiltinFunctionType,
    types.CodeType,
    types.TracebackType,
    types.FrameType,
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
    types.ModuleType,
)
"""Objects whose attributes Jinja's sandbox treats as internal: left to Jinja."""

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gteq": operator.ge,
    "lt": operator.lt,
    "lteq": operator.le,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}


class Decline(Exception):
    """The interpreter cannot be sure of Jinja's result here: render with Jinja instead."""


# --- from Jinja's tree --------------------------------------------------------------------------


class _Outside(Exception):
    """A node the interpreter does not model."""


def tree_data(tree: nodes.Template) -> list[Any] | None:
    """The body of a parsed phrase as plain data, or None when it uses anything outside the
    interpreter's part of the language (see the module's docstring)."""
    try:
        return _body(tree.body)
    except _Outside:
        return None


def _body(statements: list[nodes.Node]) -> list[Any]:
    from jinja2 import nodes

    out: list[Any] = []
    for node in statements:
        if isinstance(node, nodes.Output):
            out.append(["out", [_child(child) for child in node.nodes]])
        elif isinstance(node, nodes.If):
            elifs = [[_expr(e.test), _body(e.body)] for e in node.elif_]
            out.append(["if", _expr(node.test), _body(node.body), elifs, _body(node.else_)])
        else:
            raise _Outside(type(node).__name__)
    return out


def _child(node: nodes.Node) -> Any:
    from jinja2 import nodes

    if isinstance(node, nodes.TemplateData):
        return str(node.data)
    return _expr(node)


def _expr(node: nodes.Node) -> list[Any]:
    from jinja2 import nodes

    if isinstance(node, nodes.Name) and node.ctx == "load":
        return ["n", node.name]
    if isinstance(node, nodes.Const) and type(node.value) in _PLAIN:
        return ["c", node.value]
    if isinstance(node, nodes.Getattr) and not node.attr.startswith("_"):
        return ["ga", _expr(node.node), node.attr]
    if isinstance(node, nodes.Getitem):
        if isinstance(node.arg, nodes.Slice):
            ends = (node.arg.start, node.arg.stop, node.arg.step)
            return ["sl", _expr(node.node), *[None if e is None else _expr(e) for e in ends]]
        return ["gi", _expr(node.node), _expr(node.arg)]
    if isinstance(node, nodes.Filter | nodes.Test):
        return _call(node)
    if isinstance(node, nodes.Not | nodes.Neg):
        return ["not" if isinstance(node, nodes.Not) else "neg", _expr(node.node)]
    if isinstance(node, nodes.And | nodes.Or):
        return ["and" if isinstance(node, nodes.And) else "or", _expr(node.left), _expr(node.right)]
    if isinstance(node, nodes.Compare) and all(op.op in _COMPARE for op in node.ops):
        return ["cmp", _expr(node.expr), [[op.op, _expr(op.expr)] for op in node.ops]]
    if isinstance(node, nodes.CondExpr) and node.expr2 is not None:
        return ["cond", _expr(node.test), _expr(node.expr1), _expr(node.expr2)]
    if isinstance(node, nodes.Concat):
        return ["cat", [_expr(part) for part in node.nodes]]
    raise _Outside(type(node).__name__)


def _call(node: nodes.Filter | nodes.Test) -> list[Any]:
    """A filter of the phrasebook's own with positional arguments, or the `none` test."""
    from jinja2 import nodes

    if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
        raise _Outside("keyword arguments")
    if node.node is None:
        raise _Outside("filter block")
    if isinstance(node, nodes.Test):
        if node.name != "none" or node.args:
            raise _Outside(f"test {node.name}")
        return ["none", _expr(node.node)]
    if node.name not in TREE_FILTERS:
        raise _Outside(f"filter {node.name}")
    return ["f", node.name, _expr(node.node), [_expr(arg) for arg in node.args]]


# --- checking kept data -------------------------------------------------------------------------


def valid_tree(data: Any) -> bool:
    """Whether `data` (read back from the cache) has the shape `tree_data` writes."""
    try:
        _check_body(data)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        return False
    return True


def _check_body(data: Any) -> None:
    if not isinstance(data, list):
        raise ValueError("not a body")
    for statement in data:
        if statement[0] == "out" and len(statement) == 2 and isinstance(statement[1], list):
            for child in statement[1]:
                if not isinstance(child, str):
                    _check_expr(child)
        elif statement[0] == "if" and len(statement) == 5:
            _check_expr(statement[1])
            _check_body(statement[2])
            for test, body in statement[3]:
                _check_expr(test)
                _check_body(body)
            _check_body(statement[4])
        else:
            raise ValueError("not a statement")


_SHAPES: dict[str, tuple[str, ...]] = {
    "n": ("s",),
    "c": ("v",),
    "ga": ("e", "s"),
    "gi": ("e", "e"),
    "sl": ("e", "o", "o", "o"),
    "f": ("f", "e", "l"),
    "none": ("e",),
    "not": ("e",),
    "neg": ("e",),
    "and": ("e", "e"),
    "or": ("e", "e"),
    "cmp": ("e", "ops"),
    "cond": ("e", "e", "e"),
    "cat": ("l",),
}


def _check_expr(data: Any) -> None:
    shape = _SHAPES[data[0]] if isinstance(data, list) and data else None
    if shape is None or len(data) != len(shape) + 1:
        raise ValueError("not an expression")
    for kind, item in zip(shape, data[1:], strict=True):
        if kind == "s" and not isinstance(item, str):
            raise ValueError("not a name")
        if kind == "v" and type(item) not in _PLAIN:
            raise ValueError("not a constant")
        if kind == "f" and item not in TREE_FILTERS:
            raise ValueError("not a filter")
        if kind == "e" or (kind == "o" and item is not None):
            _check_expr(item)
        if kind == "l":
            for each in item:
                _check_expr(each)
        if kind == "ops":
            for op, each in item:
                if op not in _COMPARE:
                    raise ValueError("not a comparison")
                _check_expr(each)


# --- rendering ----------------------------------------------------------------------------------


def render(
    data: list[Any],
    values: Mapping[str, Any],
    filters: Mapping[str, Callable[..., Any]],
    finalize: Callable[[object], object],
) -> str:
    """The text of the phrase whose checked tree is `data`, with `values`, as Jinja renders it
    (before the caller's length check). Raises Decline where Jinja's result is not certain (the
    caller then renders with Jinja), and what Jinja's code would raise otherwise (`finalize`'s
    error for a value that is None, a filter's own error)."""
    out: list[str] = []
    _run(data, _Scope(values, filters, finalize), out)
    return "".join(out)


class _Scope:
    __slots__ = ("filters", "finalize", "values")

    def __init__(
        self,
        values: Mapping[str, Any],
        filters: Mapping[str, Callable[..., Any]],
        finalize: Callable[[object], object],
    ) -> None:
        self.values, self.filters, self.finalize = values, filters, finalize


def _run(body: list[Any], scope: _Scope, out: list[str]) -> None:
    for statement in body:
        if statement[0] == "out":
            for child in statement[1]:
                if isinstance(child, str):
                    out.append(child)
                else:
                    out.append(str(scope.finalize(_eval(child, scope))))
            continue
        _, test, then, elifs, otherwise = statement
        if _eval(test, scope):
            _run(then, scope, out)
            continue
        for elif_test, elif_body in elifs:
            if _eval(elif_test, scope):
                _run(elif_body, scope, out)
                break
        else:
            _run(otherwise, scope, out)


def _eval(node: list[Any], scope: _Scope) -> Any:
    return _EVAL[node[0]](node, scope)


def _name(node: list[Any], scope: _Scope) -> Any:
    if node[1] not in scope.values:
        raise Decline(f"{node[1]!r} is not given")  # Jinja: undefined, or one of its globals
    return scope.values[node[1]]


def _getattr(node: list[Any], scope: _Scope) -> Any:
    """As the sandbox's getattr, for a plain value found as an attribute: anything else (an
    item looked up instead, a method, an object) is left to Jinja."""
    owner = _eval(node[1], scope)
    if isinstance(owner, _INTERNAL):
        raise Decline(f"attribute {node[2]!r} of {type(owner).__name__}")
    found = getattr(owner, node[2], Decline)
    if found is Decline or type(found) not in _PLAIN:
        raise Decline(f"attribute {node[2]!r}")
    return found


def _getitem(node: list[Any], scope: _Scope) -> Any:
    """As the sandbox's getitem when the item is there; a failed lookup is left to Jinja."""
    container, key = _eval(node[1], scope), _eval(node[2], scope)
    try:
        return container[key]
    except (TypeError, LookupError):
        raise Decline(f"item {key!r}") from None


def _slice(node: list[Any], scope: _Scope) -> Any:
    ends = [None if end is None else _eval(end, scope) for end in node[2:]]
    return _eval(node[1], scope)[slice(*ends)]


def _filter(node: list[Any], scope: _Scope) -> Any:
    value = _eval(node[2], scope)
    args = [_eval(arg, scope) for arg in node[3]]
    return scope.filters[node[1]](value, *args)


def _compare(node: list[Any], scope: _Scope) -> Any:
    """Python's chained comparison, as Jinja writes it: each operand evaluated once, in order,
    stopping at the first comparison that is false."""
    left = _eval(node[1], scope)
    result: Any = True
    for op, operand in node[2]:
        right = _eval(operand, scope)
        result = _COMPARE[op](left, right)
        if not result:
            return result
        left = right
    return result


_EVAL: dict[str, Callable[[list[Any], _Scope], Any]] = {
    "n": _name,
    "c": lambda node, scope: node[1],
    "ga": _getattr,
    "gi": _getitem,
    "sl": _slice,
    "f": _filter,
    "none": lambda node, scope: _eval(node[1], scope) is None,
    "not": lambda node, scope: not _eval(node[1], scope),
    "neg": lambda node, scope: -_eval(node[1], scope),
    "and": lambda node, scope: _eval(node[1], scope) and _eval(node[2], scope),
    "or": lambda node, scope: _eval(node[1], scope) or _eval(node[2], scope),
    "cmp": _compare,
    "cond": lambda node, scope: _eval(node[2] if _eval(node[1], scope) else node[3], scope),
    "cat": lambda node, scope: bounded_join(tuple(_eval(part, scope) for part in node[1])),
}
