"""Load the phrasebook (YAML of Jinja templates) and check it before anything is written.

Templates run in Jinja's sandbox, bounded in time, loops and size (narrator.language.sandbox),
with StrictUndefined: a phrase that names a value the rules do
not provide is rejected when the phrasebook loads; a value that is None when printed stops the
build with the phrase's key instead of printing "None". A user phrasebook (config
`phrasebook:`) is laid over the bundled one, so it need only hold the phrases it changes; a key
in it that narrator does not know is an error naming the file, the line and the nearest known
key, and a key of the removed `sentences:` section an error naming its new key
(narrator.language.phrasekeys).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from narrator import load_cache
from narrator.errors import PhrasebookError
from narrator.language.phrasekeys import check_user_keys, part_keys
from narrator.language.plan import JOIN_KEYS, OPENING_VALUES, SLOTS
from narrator.language.rules import CLAUSES, REPORT_RULES, RULES
from narrator.language.templating import Phrase, PhraseEnv, compile_phrase, make_env
from narrator.package_files import package_file
from narrator.settings import SizeTable
from narrator.yamlfile import read_mapping

BUNDLED = "en-GB.yaml"
GLOBALS = ("subject", "name", "area", "noun")
PERIOD_VALUES = (
    "number",
    "term",
    "month",
    "year",
    "year_label",
    "show_year",
    "start_month",
    "start_year",
    "months",
    "day",
    "whole_years",
)
BASIS_VALUES = ("name", "when", "bare")
UNIT_VALUES = ("n", "one", "per", "word", "rising", "zero")
REPORT_VALUES = (
    "committee",
    "meeting_date",
    "title",
    "report_of",
    "area",
    "department",
    "period",
    "appendix_title",
    "name",
    "role",
    "telephone",
    "email",
    "figures",
    "wording",
    "latest",
    "latest_period",
    "previous",
    "previous_period",
    "target",
    "quartile",
    "changes",
    "said",
    "gives",
)
SECTIONS = (
    "settings",
    "terms",
    "sizes",
    "units",
    "periods",
    "subject",
    "clauses",
    "plan",
    "report",
)


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over` laid on `base`, mapping by mapping."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass
class Phrasebook:
    """The loaded, checked phrasebook. Sections hold compiled phrases by key."""

    source: str
    settings: dict[str, Any]
    terms: dict[str, Any]
    units: dict[str, Phrase]
    periods_when: dict[str, Phrase]
    periods_name: dict[str, Phrase]
    periods_bare: dict[str, Phrase]
    periods_basis: dict[str, Phrase]
    subject: dict[str, Phrase]
    clauses: dict[str, tuple[Phrase, ...]]
    report: dict[str, Any]
    sizes: SizeTable
    parts: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    joins: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    _report_phrases: dict[str, Phrase] = field(default_factory=dict)

    @property
    def locale(self) -> str:
        return str(self.settings.get("locale", "en_GB"))

    @property
    def words_below(self) -> int:
        return int(self.settings.get("words_below", 10))

    def number_word(self, n: int) -> str | None:
        """The word for a small whole number, or None when it is written in figures."""
        words = self.terms.get("number_words", [])
        if 0 <= n < min(self.words_below, len(words)):
            return str(words[n])
        return None

    def _report_node(self, path: str) -> Any:
        node: Any = self.report
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                raise PhrasebookError(self.source, f"report.{path}", "missing")
            node = node[part]
        return node

    def report_text(self, path: str, **values: object) -> str:
        """Render a `report:` entry by dotted path ("headings.purpose"), with `values`.

        Raises PhrasebookError when the entry is missing or not text."""
        node = self._report_node(path)
        if not isinstance(node, str):
            raise PhrasebookError(self.source, f"report.{path}", "expected text")
        compiled = self._report_phrases.get(path)
        if compiled is None:
            raise PhrasebookError(self.source, f"report.{path}", "not compiled")
        full = dict.fromkeys(REPORT_VALUES) | values
        try:
            return " ".join(compiled.render(**full).split())
        except Exception as exc:
            raise PhrasebookError(self.source, f"report.{path}", str(exc)) from exc

    def report_table(self, path: str) -> dict[Any, str]:
        """A `report:` mapping by dotted path ("appendix.direction"); missing -> error."""
        node = self._report_node(path)
        if not isinstance(node, dict):
            raise PhrasebookError(self.source, f"report.{path}", "expected a mapping")
        return {k: str(v) for k, v in node.items()}

    def find(self, section: str, key: str) -> tuple[Phrase, ...]:
        """The phrase for `key`, falling back by dropping the last dotted part.

        Raises PhrasebookError naming the key when nothing matches.
        """
        table: Mapping[str, Any] = getattr(self, section)
        probe = key
        while True:
            if probe in table:
                found = table[probe]
                return found if isinstance(found, tuple) else (found,)
            if "." not in probe:
                where = f"plan.{section}" if section in ("parts", "joins") else section
                raise PhrasebookError(self.source, f"{where}.{key}", "no phrase for this key")
            probe = probe.rsplit(".", 1)[0]


def _rule_values(key: str) -> tuple[str, ...]:
    head = key.split(".", 1)[0]
    for rule in (*RULES, *REPORT_RULES):
        if rule.name == head:
            return (*rule.provides, *GLOBALS)
    return GLOBALS


def _clause_values(key: str) -> tuple[str, ...]:
    names: set[str] = set()
    for clause, provided in CLAUSES.items():
        if clause == key or clause.startswith(key + ".") or key.startswith(clause):
            names.update(provided)
    return (*sorted(names), *GLOBALS)


def _read(path: Path | None) -> tuple[str, dict[str, Any]]:
    from narrator.yamltext import load_yaml

    if path is None:
        resource = package_file("narrator.phrasebook", BUNDLED)
        return str(resource), load_yaml(resource.read_text(encoding="utf-8"))
    file = str(path)
    data = read_mapping(path, "phrasebook")
    check_user_keys(path, data, SECTIONS, _bundled_data())
    return file, data


@lru_cache(maxsize=1)
def _bundled_data() -> dict[str, Any]:
    """The bundled phrasebook as read (the keys a user's phrasebook may set)."""
    return _read(None)[1]


def load_phrasebook(override: Path | None = None) -> Phrasebook:
    """The bundled phrasebook, with `override` (a user's YAML file) laid over it; checked.

    Compiling the templates is a third of a small build, so a process that builds many reports
    (build-all) compiles each phrasebook once: the result is kept while the override file has
    the same size and modification time. Callers must not change the Phrasebook returned."""
    stamp = None
    if override is not None:
        try:
            info = override.stat()
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = None  # _read reports the missing file
    key = (str(override) if override is not None else None, stamp)
    if key[0] is None or stamp is not None:
        return _load_cached(*key)
    return _load_with_cache(override)


@lru_cache(maxsize=8)
def _load_cached(override: str | None, stamp: tuple[int, int] | None) -> Phrasebook:
    return _load_with_cache(Path(override) if override is not None else None)


def _load_with_cache(override: Path | None) -> Phrasebook:
    """`_load`, with what it works out from the files' text alone (their YAML values, each
    phrase's parse) taken from narrator.load_cache when the same files were loaded before."""
    sources: list[bytes | None] = [package_file("narrator.phrasebook", BUNDLED).read_bytes()]
    if override is not None:
        try:
            sources.append(override.read_bytes())
        except OSError:
            sources.append(None)  # _read reports it; nothing is cached
    with load_cache.loading(sources):
        return _load(override)


def _load(override: Path | None) -> Phrasebook:
    source, data = _read(None)
    if override is not None:
        source, extra = _read(override)
        data = deep_merge(data, extra)
    holder: dict[str, Phrasebook] = {}

    def words(value: object) -> str:
        book = holder["book"]
        if isinstance(value, int) and (word := book.number_word(value)) is not None:
            return word
        return str(value)

    env = make_env(words)
    book = holder["book"] = _compile(env, source, data)
    _check_settings(book)
    book._report_phrases.update(_compile_report(env, source, book.report))
    _check_complete(book)
    return book


def _compile(env: PhraseEnv, file: str, data: dict[str, Any]) -> Phrasebook:
    """Every section's phrases compiled (each checked against the values it may use)."""

    def section(name: str) -> dict[str, Any]:
        value = data.get(name) or {}
        if not isinstance(value, dict):
            raise PhrasebookError(file, name, "expected a mapping")
        return value

    def table(name: str, node: dict[str, Any], values: tuple[str, ...]) -> dict[str, Phrase]:
        return {k: compile_phrase(env, file, f"{name}.{k}", v, values)[0] for k, v in node.items()}

    periods, plan = section("periods"), section("plan")
    for name in ("parts", "joins"):
        if not isinstance(plan.get(name) or {}, dict):
            raise PhrasebookError(file, f"plan.{name}", "expected a mapping")
    join_values = (*_rule_values("level"), *OPENING_VALUES, *SLOTS)
    return Phrasebook(
        source=file,
        settings=section("settings"),
        terms=section("terms"),
        units=table("units", section("units"), UNIT_VALUES),
        periods_when=table("periods.when", periods.get("when") or {}, PERIOD_VALUES),
        periods_name=table("periods.name", periods.get("name") or {}, PERIOD_VALUES),
        periods_bare=table("periods.bare", periods.get("bare") or {}, PERIOD_VALUES),
        periods_basis=table("periods.basis", periods.get("basis") or {}, BASIS_VALUES),
        subject=table("subject", section("subject"), GLOBALS),
        clauses={
            k: compile_phrase(env, file, f"clauses.{k}", v, _clause_values(k))
            for k, v in section("clauses").items()
        },
        report=section("report"),
        sizes=SizeTable.from_mapping(section("sizes"), file),
        parts={
            k: compile_phrase(env, file, f"plan.parts.{k}", v, _rule_values(k))
            for k, v in (plan.get("parts") or {}).items()
        },
        joins={
            k: compile_phrase(env, file, f"plan.joins.{k}", v, join_values)
            for k, v in (plan.get("joins") or {}).items()
        },
    )


def _compile_report(
    env: PhraseEnv, file: str, node: dict[str, Any], prefix: str = ""
) -> dict[str, Phrase]:
    out: dict[str, Phrase] = {}
    for key, value in node.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= _compile_report(env, file, value, path + ".")
        elif isinstance(value, str):
            out[path] = compile_phrase(env, file, f"report.{path}", value, REPORT_VALUES)[0]
    return out


def _check_settings(book: Phrasebook) -> None:
    """The `settings:` values are ones the realiser can use: a locale babel knows (numbers and
    dates are written in it) and a whole number for words_below."""
    from narrator.load_cache import remembered

    def known(locale: str) -> bool:
        from babel import localedata

        return bool(localedata.exists(locale))

    locale = book.settings.get("locale", "en_GB")
    if not isinstance(locale, str) or not remembered(
        "babel", f"locale exists {locale}", lambda: known(locale)
    ):
        raise PhrasebookError(
            book.source,
            "settings.locale",
            f"unknown locale {locale!r}: use a language and country code such as en_GB",
        )
    below = book.settings.get("words_below", 10)
    if isinstance(below, bool) or not isinstance(below, int) or not 0 <= below <= 100:
        raise PhrasebookError(
            book.source, "settings.words_below", f"{below!r}: use a whole number from 0 to 100"
        )


def _check_complete(book: Phrasebook) -> None:
    """Every part the planner can ask for (each key a rule can produce, and the planner's own:
    the position said area first, a target by its kind) must find a phrase (after fallback),
    and every join and clause."""
    for key in CLAUSES:
        book.find("clauses", key)
    for key in part_keys():
        book.find("parts", key)
    for key in JOIN_KEYS:
        book.find("joins", key)
    for unit in ("percent", "points", "count", "rate", "score", "relative", "money"):
        if unit not in book.units:
            raise PhrasebookError(book.source, f"units.{unit}", "missing")
    if "last_report" not in book.periods_basis:
        raise PhrasebookError(book.source, "periods.basis.last_report", "missing")
    for kind in ("quarter", "term", "split_year", "year", "month", "range", "part_year", "date"):
        for table, name in ((book.periods_when, "when"), (book.periods_name, "name")):
            if kind not in table:
                raise PhrasebookError(book.source, f"periods.{name}.{kind}", "missing")
    if "fallback" not in book.subject:
        raise PhrasebookError(book.source, "subject.fallback", "missing")
