"""narrator.language.phrase_tree: a phrase's tree kept as data and interpreted gives Jinja's text
or Jinja's error exactly, or declines (and Jinja renders it); a build with every interpretable
phrase interpreted is byte-identical to one rendered by Jinja alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from narrator.language import phrase_tree, templating
from narrator.language.phrase_bounds import PhraseLimit
from narrator.language.templating import JinjaPhrase, PhraseEnv, _finalize
from narrator.limits import MAX_PHRASE_CHARS
from tests.conftest import SAMPLE_CONFIG


class _Period:
    def __init__(self, when: str, name: str) -> None:
        self.when, self.name = when, name

    def __str__(self) -> str:
        return self.name


def _env() -> PhraseEnv:
    return PhraseEnv(lambda value: "three" if value == 3 else str(value))


VALUES: dict[str, Any] = {
    "n": "92.2",
    "value": "£1,200",
    "money": "-£3",
    "one": False,
    "people": 3,
    "size": "small",
    "items": ["a", "b", "c"],
    "rank": 23,
    "period": _Period("at the end of Quarter 1", "the end of Quarter 4"),
    "none": None,
    "zero": 0,
    "text": "Summer",
    "mapping": {"key": "found"},
}

TEMPLATES = [
    "{{ n }} percentage {{ 'point' if one else 'points' }}",
    "{% if one %}a{% elif people > 2 %}b{% else %}c{% endif %}.",
    "{% if one %}a{% elif zero %}b{% else %}c{% endif %}",
    "{% if value[-1:] == '%' or value[:1] == '£' %}below the {{ value }} target{% endif %}",
    "{{ value[1:] }} {{ value[::2] }} {{ items[0] }} {{ items[-1] }} {{ text[1:3] }}",
    "{{ (size ~ ' improvement') | article }} of {{ people | words }}",
    "{{ items | and_list }}, {{ rank | ordinal }}, {{ 11 | ordinal }}",
    "{{ period.when }}, since {{ period.name }} ({{ period }})",
    "{{ 1 < people < 5 }} {{ 1 < people > 5 }} {{ people in [3] if false else 'x' }}",
    "{{ zero or 'none' }} {{ people and 'some' }} {{ not one }} {{ -people }}",
    "{{ none is none }} {{ people is not none }} {{ 'b' in text }} {{ 'z' not in text }}",
    "{{ mapping['key'] }} {{ mapping.key }} {{ 1.5 }} {{ true }} {{ 'x' ~ 2 ~ none }}",
    "{{ none }}",  # finalize: MissingValue
    "{{ missing }}",  # undefined: declined, Jinja's UndefinedError
    "{{ period.unknown }}",  # no such attribute: declined
    "{{ text.upper }}",  # a method: declined
    "{{ mapping['other'] }}",  # no such item: declined
    "{{ items[9] }}",
    "{{ people < text }}",  # TypeError, as in Jinja
    "{{ text | words }}{{ rank | article }}",
    "{{ n }}\n",
    "",
]


def _outcome(render: Any, values: dict[str, Any]) -> tuple[str, str]:
    try:
        return "text", str(render(**values))
    except Exception as exc:
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("source", TEMPLATES)
def it_gives_jinjas_text_or_error_for_every_phrase(source: str) -> None:
    env = _env()
    tree = env.sandbox.parse(source)
    jinja = JinjaPhrase(env, source, tree)  # no data: Jinja alone
    interpreted = JinjaPhrase(env, source, tree, phrase_tree.tree_data(tree))
    assert _outcome(interpreted, VALUES) == _outcome(jinja, VALUES)


def it_keeps_a_tree_only_for_its_part_of_the_language() -> None:
    env = _env()
    assert phrase_tree.tree_data(env.sandbox.parse("{% if a %}{{ b | words }}{% endif %}"))
    for source in (
        "{% for x in items %}{{ x }}{% endfor %}",
        "{{ n | upper }}",
        "{{ n.lstrip('-') }}",
        "{{ a + b }}",
        "{% set x = 1 %}{{ x }}",
        "{{ 'a' if b }}",
        "{{ x is defined }}",
        "{{ x._private }}",
        "{{ [1, 2] | and_list }}",
    ):
        assert phrase_tree.tree_data(env.sandbox.parse(source)) is None, source


def it_declines_what_it_cannot_be_sure_of_and_never_raises_undefined() -> None:
    data = phrase_tree.tree_data(_env().sandbox.parse("{{ a }}"))
    assert data is not None
    with pytest.raises(phrase_tree.Decline):
        phrase_tree.render(data, {}, {}, _finalize)


def it_bounds_the_text_a_join_builds() -> None:
    source = "{{ a ~ a }}"
    env = _env()
    tree = env.sandbox.parse(source)
    data = phrase_tree.tree_data(tree)
    assert data is not None
    big = "x" * (MAX_PHRASE_CHARS // 2 + 1)
    with pytest.raises(PhraseLimit):
        phrase_tree.render(data, {"a": big}, env.filters, _finalize)


@pytest.mark.parametrize(
    "data",
    [
        "not a list",
        [["out", [["n"]]]],
        [["out", [["exec", "x"]]]],
        [["if", ["n", "a"], [], []]],
        [["out", [["f", "upper", ["n", "a"], []]]]],
        [["out", [["c", {"a": 1}]]]],
        [["out", [["cmp", ["n", "a"], [["is", ["n", "b"]]]]]]],
    ],
)
def it_uses_kept_data_only_when_it_has_the_shape_it_writes(data: Any) -> None:
    assert not phrase_tree.valid_tree(data)
    env = _env()
    phrase = JinjaPhrase(env, "{{ a }}!", None, data)  # the cache held something else
    assert phrase(a="x") == "x!"


def it_writes_the_sample_as_jinja_alone_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample built with its phrases interpreted, and again with Jinja alone (no tree
    kept: another cache folder), gives the same bytes."""
    from narrator.pipeline import prepare, report_of
    from narrator.word.write import write_report

    def build(name: str) -> bytes:
        monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / f"cache-{name}"))
        from narrator.language import phrases

        phrases._load_cached.cache_clear()
        out = tmp_path / f"{name}.docx"
        write_report(report_of(prepare(SAMPLE_CONFIG)), out)
        return out.read_bytes()

    interpreted = build("interpreted")
    monkeypatch.setattr(templating.phrase_tree, "tree_data", lambda tree: None)
    assert build("jinja") == interpreted
