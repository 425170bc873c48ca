"""The sandbox phrases run in: Jinja's, which blocks attribute access to Python internals, with
the bounds of narrator.limits on what a phrase may spend.

A phrase is data an officer may edit, so it must not be able to hang or exhaust a build:
- `range()` is limited to MAX_PHRASE_RANGE items, and all the ranges one rendering loops over
  together to MAX_PHRASE_RANGE steps (so nested loops cannot multiply past it);
- `*`, `+`, `~` and `%` that would build a text or list longer than MAX_PHRASE_CHARS, and `**`
  with a result of more than a few hundred digits, are refused before Python computes them
  (this also stops Jinja folding `9**(9**9)` while it compiles);
- filters that take a width or count (center, indent, format, ...) are refused one past
  MAX_PHRASE_CHARS before they run;
- the text a phrase writes is refused past MAX_PHRASE_CHARS;
- a rendering that takes longer than MAX_PHRASE_SECONDS is stopped (by a timer signal, where
  the build runs on the main thread, as the command line and build-all's workers do).
Each is raised as PhraseLimit, which the realiser reports with the phrase's key and file.
"""

from __future__ import annotations

import functools
import math
import re
import signal
import threading
from collections.abc import Callable
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.sandbox import SandboxedEnvironment

from narrator.language.phrase_bounds import PhraseLimit, bounded_join, check_length
from narrator.language.phrase_bounds import check_size as _check_length
from narrator.limits import MAX_PHRASE_RANGE, MAX_PHRASE_SECONDS

__all__ = ["BoundedSandbox", "PhraseLimit", "check_length", "may_run_long", "render_bounded"]

_MAX_POWER_DIGITS = 300
"""The most digits `**` may produce (a figure in a sentence has a handful)."""


class _BoundedCode(CodeGenerator):
    """Jinja's code generator, with `~` (Concat) joined by the environment's `bounded_join`."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with the module's bounds. `start` resets the per-rendering budget."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCode

    bounded_join = staticmethod(bounded_join)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.steps_left = MAX_PHRASE_RANGE
        self.globals["range"] = self._range
        for name in _SIZED_FILTERS:
            self.filters[name] = _sized(self.filters[name])

    def start(self) -> None:
        self.steps_left = MAX_PHRASE_RANGE

    def _range(self, *args: int) -> range:
        steps = range(*args)
        if len(steps) > MAX_PHRASE_RANGE:
            raise PhraseLimit(
                f"range() of {len(steps):,} items; a phrase may loop at most "
                f"{MAX_PHRASE_RANGE:,} times"
            )
        self.steps_left -= len(steps)
        if self.steps_left < 0:
            raise PhraseLimit(f"its loops run more than {MAX_PHRASE_RANGE:,} times in all")
        return steps

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
            return left**right
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int):
                    _check_length(len(seq) * max(n, 0))
            return left * right
        if operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                _check_length(len(left) + len(right))
            return left + right
        result = left % right  # "%": a format string is at most as long as its parts allow
        if isinstance(result, str):
            _check_length(len(result))
        return result


_SIZED_FILTERS = ("center", "indent", "format", "wordwrap", "truncate", "replace", "join")
"""Filters whose numeric arguments or format widths could ask for a huge text."""

_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+)(?:\.(\d+))?")


def _sized(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` with every whole-number argument, and every width in a %-format, held to
    MAX_PHRASE_CHARS before it runs, and its result's length checked after."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool):
                _check_length(value)
            elif isinstance(value, str):
                for match in _FORMAT_WIDTH.finditer(value):
                    _check_length(max(int(g) for g in match.groups() if g))
        result = function(*args, **kwargs)
        if isinstance(result, str):
            _check_length(len(result))
        return result

    return bounded


def _check_power(base: Any, exponent: Any) -> None:
    if not isinstance(base, int | float) or not isinstance(exponent, int | float):
        return
    if abs(base) <= 1 or exponent <= 0:
        return
    digits = float(exponent) * math.log10(abs(float(base)))
    if digits > _MAX_POWER_DIGITS:
        raise PhraseLimit(f"computes a number of about {digits:,.0f} digits")


def render_bounded(
    env: BoundedSandbox, template: Any, seconds: float = MAX_PHRASE_SECONDS, /, **values: Any
) -> str:
    """Render a compiled template with the bounds, stopping it after `seconds` (what is left of
    the phrase's time). The text is checked once joined: the loop and growth bounds above
    already keep it to a few megabytes at most."""
    if seconds <= 0:
        raise PhraseLimit(f"takes longer than {MAX_PHRASE_SECONDS:g} seconds to write")
    env.start()
    context = template.new_context(values)
    timed = _timer_ready()
    if timed:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        text = "".join(template.root_render_func(context))
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return check_length(text)


def may_run_long(tree: nodes.Template) -> bool:
    """Whether a phrase loops, defines macros (which may recurse) or calls range(): only such
    a phrase can run long, so only it is rendered with `render_bounded`'s timer and step
    budget; any other is bounded by the operator checks alone, its text by `check_length`."""
    if any(tree.find_all((nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock))):
        return True
    return any(name.name == "range" for name in tree.find_all(nodes.Name))


_installed: bool | None = None
"""Whether narrator's SIGALRM handler is installed (None: not tried yet)."""


def _timer_ready() -> bool:
    """True when a render on this thread can be timed: the main thread of a process where
    narrator's handler could be installed (the first time, and only over the default handler:
    a host program that uses SIGALRM itself keeps it, and phrases then run untimed)."""
    global _installed
    if threading.current_thread() is not threading.main_thread():
        return False
    if _installed is None:
        _installed = hasattr(signal, "setitimer") and signal.getsignal(signal.SIGALRM) in (
            signal.SIG_DFL,
            None,
        )
        if _installed:
            signal.signal(signal.SIGALRM, _expired)
    return _installed


def _expired(signum: int, frame: Any) -> None:
    raise PhraseLimit(f"takes longer than {MAX_PHRASE_SECONDS:g} seconds to write")
