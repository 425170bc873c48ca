"""Compiling a phrase: the Jinja environment (bounded sandbox, StrictUndefined, the phrasebook's
filters), a phrase checked against the values the rules provide, and its renderer — a plain
one for a phrase that only prints values, Jinja (compiled when first used) for the rest."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.nodes import Template as TemplateNode

from narrator import load_cache
from narrator.errors import PhrasebookError
from narrator.language.sandbox import BoundedSandbox, check_length, may_run_long, render_bounded
from narrator.limits import MAX_PHRASE_SECONDS
from narrator.load_cache import Analysis, Pieces


class MissingValue(Exception):
    """A template printed a value that is None (inside the sandbox; reported by the realiser)."""


def _finalize(value: object) -> object:
    if value is None:
        raise MissingValue("a value printed by this phrase is missing")
    return value


def _article(text: str) -> str:
    """ "increase" -> "an increase"; "slight decrease" -> "a slight decrease"."""
    words = " ".join(str(text).split())
    if not words:
        return words
    vowel = words[0].lower() in "aeio" or (
        words[0].lower() == "u" and not words.lower().startswith(("uni", "use", "usu"))
    )
    return ("an " if vowel else "a ") + words


def _ordinal(value: object) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd' (a rank among local authorities)."""
    n = int(str(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and_list(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Phrase:
    """One compiled phrase: its key, variant number and source text (for messages)."""

    key: str
    variant: int
    source: str
    render: Callable[..., str]


def make_env(words: Callable[[object], str]) -> BoundedSandbox:
    env = BoundedSandbox(
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.filters["article"] = _article
    env.filters["and_list"] = _and_list
    env.filters["words"] = words
    env.filters["ordinal"] = _ordinal
    return env


def compile_phrase(
    env: BoundedSandbox,
    file: str,
    key: str,
    variants: object,
    allowed: tuple[str, ...],
) -> tuple[Phrase, ...]:
    texts = variants if isinstance(variants, list) else [variants]
    if not texts or not all(isinstance(t, str) for t in texts):
        raise PhrasebookError(file, key, "a phrase must be text or a list of texts")
    phrases = []
    for i, text in enumerate(texts):
        try:
            analysis, tree = _analyse(env, text)
        except TemplateSyntaxError as exc:
            raise PhrasebookError(file, key, f"line {exc.lineno}: {exc.message}") from exc
        unknown = analysis.variables - set(allowed)
        if unknown:
            raise PhrasebookError(
                file,
                key,
                f"uses {', '.join(sorted(unknown))}, which no rule provides here; "
                f"available: {', '.join(sorted(allowed))}",
            )
        pieces = analysis.pieces
        render = _plain(pieces) if pieces is not None else JinjaPhrase(env, text, tree)
        phrases.append(Phrase(key, i, text, render))
    return tuple(phrases)


def _analyse(env: BoundedSandbox, text: str) -> tuple[Analysis, TemplateNode | None]:
    """The phrase's values and plain pieces, and its parsed tree (None when they come from
    narrator.load_cache: the phrase is then parsed only if Jinja renders it). Raises
    TemplateSyntaxError for a phrase Jinja cannot parse or compile."""
    cache = load_cache.current()
    known = cache.phrases.get(text) if cache is not None else None
    if known is not None:
        return known, None
    tree: TemplateNode = env.parse(text)
    # find_undeclared_variables runs Jinja's code generator over the tree, so an unknown
    # filter or test fails here, when the phrasebook loads, as a syntax error does
    analysis = Analysis(frozenset(meta.find_undeclared_variables(tree)), plain_pieces(tree))
    if cache is not None:
        cache.keep_phrase(text, analysis)
    return analysis, tree


class JinjaPhrase:
    """Renders a checked phrase with Jinja, compiling it to Python the first time it is used: a
    report uses a fraction of the phrasebook's 180 phrases, and compiling them all was a third
    of a small build."""

    def __init__(self, env: BoundedSandbox, text: str, tree: TemplateNode | None = None) -> None:
        self._env, self._text, self._tree = env, text, tree
        self._template: Any = None
        self._long = True
        self._seconds_left = MAX_PHRASE_SECONDS

    def __call__(self, **values: object) -> str:
        if self._template is None:
            if self._tree is None:  # checked when it was cached (narrator.load_cache)
                self._tree = self._env.parse(self._text)
            template = self._env.from_string(self._tree)  # from the tree: parsed once, not twice
            # Jinja keeps a template's globals as a ChainMap over the environment's and copies
            # it on every render; one plain dict, made once, is the same values and a third of
            # the cost of rendering a short phrase.
            template.globals = dict(template.globals)
            self._template = template
            self._long = may_run_long(self._tree)
        if self._long:
            # the time is the phrase's, over all its uses: a loop that takes just under the
            # limit each time cannot make a build of many paragraphs run for minutes
            start = time.perf_counter()
            try:
                return render_bounded(self._env, self._template, self._seconds_left, **values)
            finally:
                self._seconds_left -= time.perf_counter() - start
        return check_length(str(self._template.render(**values)))


def plain_renderer(tree: TemplateNode) -> Callable[..., str] | None:
    """For a phrase that only prints values between pieces of text ("{{ n }}%", "the {{ term }}
    term {{ year }}"), a renderer that gives Jinja's text without Jinja's per-render set-up
    (a new context for every call: most of the cost of such a phrase, rendered 50,000 times
    for a large dashboard); None for any phrase with a filter, test, condition or expression,
    which Jinja renders. As in Jinja: a missing value raises UndefinedError (StrictUndefined),
    a value that is None raises MissingValue (the finalize hook), anything else prints as
    str(value)."""
    pieces = plain_pieces(tree)
    return _plain(pieces) if pieces is not None else None


def plain_pieces(tree: TemplateNode) -> Pieces | None:
    """A phrase that only prints values, as (True, literal text) and (False, value name) in
    order; None for any other phrase (see `plain_renderer`)."""
    if len(tree.body) != 1 or not isinstance(tree.body[0], nodes.Output):
        return None
    pieces: Pieces = []
    for node in tree.body[0].nodes:
        if isinstance(node, nodes.TemplateData):
            pieces.append((True, node.data))
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            pieces.append((False, node.name))
        else:
            return None
    return pieces


def _plain(pieces: Pieces) -> Callable[..., str]:
    """The renderer of a plain phrase's `pieces` (see `plain_renderer`)."""

    def render(**values: object) -> str:
        out = []
        for literal, text in pieces:
            if literal:
                out.append(text)
            elif text not in values:
                raise UndefinedError(f"{text!r} is undefined")
            else:
                out.append(str(_finalize(values[text])))
        return "".join(out)

    return render
