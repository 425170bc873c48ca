"""Compiling a phrase: the Jinja environment (bounded sandbox, StrictUndefined, the phrasebook's
filters), a phrase checked against the values the rules provide, and its renderer — a plain
one for a phrase that only prints values, narrator.language.phrase_tree's interpreter for one
in its part of Jinja, Jinja (compiled when first used) for the rest and wherever the
interpreter declines. A build whose phrases all come from narrator.load_cache and are all
interpreted imports no Jinja: the sandbox is made when a phrase first needs it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from narrator import load_cache
from narrator.errors import PhrasebookError
from narrator.language import phrase_tree
from narrator.language.phrase_bounds import check_length
from narrator.limits import MAX_PHRASE_SECONDS
from narrator.load_cache import Analysis, Pieces

if TYPE_CHECKING:
    from jinja2.nodes import Template as TemplateNode

    from narrator.language.sandbox import BoundedSandbox


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


class PhraseEnv:
    """The phrasebook's filters (`words` writes a small number as the phrasebook's word), and
    Jinja's bounded sandbox with them, made when a phrase first needs Jinja."""

    def __init__(self, words: Callable[[object], str]) -> None:
        self.filters: dict[str, Callable[..., Any]] = {
            "article": _article,
            "and_list": _and_list,
            "words": words,
            "ordinal": _ordinal,
        }
        self._sandbox: BoundedSandbox | None = None

    @property
    def sandbox(self) -> BoundedSandbox:
        if self._sandbox is None:
            from jinja2 import StrictUndefined

            from narrator.language.sandbox import BoundedSandbox

            self._sandbox = BoundedSandbox(
                undefined=StrictUndefined,
                finalize=_finalize,
                autoescape=False,
                keep_trailing_newline=False,
            )
            self._sandbox.filters.update(self.filters)
        return self._sandbox


def make_env(words: Callable[[object], str]) -> PhraseEnv:
    return PhraseEnv(words)


def compile_phrase(
    env: PhraseEnv,
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
        analysis, tree = _analyse(env, text, file, key)
        unknown = analysis.variables - set(allowed)
        if unknown:
            raise PhrasebookError(
                file,
                key,
                f"uses {', '.join(sorted(unknown))}, which no rule provides here; "
                f"available: {', '.join(sorted(allowed))}",
            )
        pieces = analysis.pieces
        if pieces is not None:
            render: Callable[..., str] = _plain(pieces)
        else:
            render = JinjaPhrase(env, text, tree, analysis.tree)
        phrases.append(Phrase(key, i, text, render))
    return tuple(phrases)


def _analyse(
    env: PhraseEnv, text: str, file: str, key: str
) -> tuple[Analysis, TemplateNode | None]:
    """The phrase's values, plain pieces and interpreter's tree, and its parsed tree (None
    when they come from narrator.load_cache: the phrase is then parsed only if Jinja renders
    it). Raises PhrasebookError for a phrase Jinja cannot parse or compile."""
    cache = load_cache.current()
    known = cache.phrases.get(text) if cache is not None else None
    if known is not None:
        return known, None
    from jinja2 import TemplateSyntaxError, meta

    try:
        tree: TemplateNode = env.sandbox.parse(text)
        # find_undeclared_variables runs Jinja's code generator over the tree, so an unknown
        # filter or test fails here, when the phrasebook loads, as a syntax error does
        variables = frozenset(meta.find_undeclared_variables(tree))
    except TemplateSyntaxError as exc:
        raise PhrasebookError(file, key, f"line {exc.lineno}: {exc.message}") from exc
    pieces = plain_pieces(tree)
    data = None if pieces is not None else phrase_tree.tree_data(tree)
    analysis = Analysis(variables, pieces, data)
    if cache is not None:
        cache.keep_phrase(text, analysis)
    return analysis, tree


class JinjaPhrase:
    """Renders a checked phrase: with narrator.language.phrase_tree's interpreter when the
    phrase has a tree (`data`) and the interpreter is sure of Jinja's result, else with Jinja,
    compiling it to Python the first time it is needed: a report uses a fraction of the
    phrasebook's 180 phrases, and compiling them all was a third of a small build."""

    def __init__(
        self,
        env: PhraseEnv,
        text: str,
        tree: TemplateNode | None = None,
        data: list[Any] | None = None,
    ) -> None:
        self._env, self._text, self._tree = env, text, tree
        self._data, self._data_checked = data, False
        self._template: Any = None
        self._long = True
        self._seconds_left = MAX_PHRASE_SECONDS

    def __call__(self, **values: object) -> str:
        if self._data is not None:
            if not self._data_checked:  # read back from the cache: used only if well formed
                self._data_checked = True
                if not phrase_tree.valid_tree(self._data):
                    self._data = None
                    return self(**values)
            try:
                text = phrase_tree.render(self._data, values, self._env.filters, _finalize)
            except phrase_tree.Decline:
                pass
            else:
                return check_length(text)
        return self._jinja(values)

    def _jinja(self, values: dict[str, object]) -> str:
        from narrator.language.sandbox import may_run_long, render_bounded

        sandbox = self._env.sandbox
        if self._template is None:
            if self._tree is None:  # checked when it was cached (narrator.load_cache)
                self._tree = sandbox.parse(self._text)
            template = sandbox.from_string(self._tree)  # from the tree: parsed once, not twice
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
                return render_bounded(sandbox, self._template, self._seconds_left, **values)
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
    from jinja2 import nodes

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
                from jinja2 import UndefinedError

                raise UndefinedError(f"{text!r} is undefined")
            else:
                out.append(str(_finalize(values[text])))
        return "".join(out)

    return render
