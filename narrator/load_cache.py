"""What loading the phrasebook works out from its text alone, kept on disk between runs.

Every `check` and `build` read the phrasebook's YAML and parsed and checked each of its 200
Jinja phrases (the values it names, whether it only prints values): 0.1-0.2 s of a sample
build's 0.7, the same work each time for the same files. While a phrasebook loads
(`loading`), narrator.yamltext takes a file's values, and narrator.language.templating
a phrase's analysis, from this cache when it has them, and records them when it does not;
the cache is written once the phrasebook has loaded without error.

The cache is data only: one JSON file, named by a hash of everything the values depend on
(the phrasebook files' bytes, the files of narrator's code that read them, narrator's version
and `SCHEMA`), which is stored in the file and checked on reading. A file that does not parse,
holds another key or has the wrong shape is ignored (and rewritten). It goes in the folder
$NARRATOR_CACHE names (where computed national benchmarks go too), else in the user's cache
folder ($XDG_CACHE_HOME/narrator or ~/.cache/narrator); where it cannot be written there is
simply no cache. Nothing in it can run code: it holds texts, names and lists of them.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = 2
"""The layout of the cache file; raised whenever what it holds changes meaning."""

# the modules whose code decides what is cached (in the narrator package): a change to any
# of them is a new key, whatever the version says
_CODE = ("language/templating.py", "language/phrase_tree.py", "yamltext.py", "load_cache.py")

_MAX_BYTES = 16 * 1024 * 1024  # a cache file larger than this is not one narrator wrote

Pieces = list[tuple[bool, str]]
"""A phrase that only prints values: (True, literal text) and (False, value name) in order."""


@dataclass
class Analysis:
    """A phrase's checked parse: the values it names, and its `pieces` when it only prints
    values between pieces of text (None: it needs Jinja), and otherwise its `tree` as
    narrator.language.phrase_tree keeps it (lists of texts and numbers; None: Jinja renders
    it)."""

    variables: frozenset[str]
    pieces: Pieces | None
    tree: list[Any] | None = None


@dataclass
class LoadCache:
    """The values of YAML texts (by a hash of the text) and phrase analyses (by phrase text)."""

    key: str
    path: Path | None
    yaml: dict[str, Any] = field(default_factory=dict)
    phrases: dict[str, Analysis] = field(default_factory=dict)
    changed: bool = False

    def yaml_value(self, text: str) -> tuple[bool, Any]:
        """(True, value) when the values of `text` are cached; (False, None) when not."""
        digest = _digest(text.encode("utf-8"))
        if digest in self.yaml:
            return True, _decode(self.yaml[digest])
        return False, None

    def keep_yaml(self, text: str, value: Any) -> None:
        """Remember the values of `text`, when JSON can hold them (dates, for one, it cannot:
        such a text is read again each time)."""
        try:
            self.yaml[_digest(text.encode("utf-8"))] = _encode(value)
        except ValueError:
            return
        self.changed = True

    def keep_phrase(self, text: str, analysis: Analysis) -> None:
        self.phrases[text] = analysis
        self.changed = True


def _encode(value: Any) -> Any:
    """YAML's values as JSON, exactly: a list as {"l": [items]}, a mapping as {"d": [[key,
    value], ...]} (its keys may be numbers, as the phrasebook's quartiles are), text, whole
    numbers, finite decimals, true, false and null as themselves, a date as {"date": ISO
    text} and a date and time as {"datetime": ISO text}. ValueError for anything else (binary
    data, a set, infinity)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, list):
        return {"l": [_encode(item) for item in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise ValueError(f"not kept in the cache: {type(value).__name__}")


def _decode(value: Any) -> Any:
    """The values `_encode` wrote. ValueError for anything it does not write."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dict) and len(value) == 1:
        if "l" in value and isinstance(value["l"], list):
            return [_decode(item) for item in value["l"]]
        if "d" in value and isinstance(value["d"], list):
            return {_decode(k): _decode(v) for k, v in value["d"]}
        if isinstance(value.get("date"), str):
            return datetime.date.fromisoformat(value["date"])
        if isinstance(value.get("datetime"), str):
            return datetime.datetime.fromisoformat(value["datetime"])
    raise ValueError("not a cached value")


_CURRENT: list[LoadCache] = []


def current() -> LoadCache | None:
    """The cache of the phrasebook loading now; None outside `loading` (nothing is cached)."""
    return _CURRENT[-1] if _CURRENT else None


@contextmanager
def loading(sources: Sequence[bytes | None]) -> Iterator[LoadCache]:
    """The cache for loading a phrasebook made of files with the bytes `sources` (None for a
    file that could not be read: then nothing is cached), active within the block and saved
    when the block ends without an error."""
    cache = open_cache(sources)
    _CURRENT.append(cache)
    try:
        yield cache
    finally:
        _CURRENT.pop()
    if cache.changed and cache.path is not None:
        save(cache)


def folder() -> Path | None:
    """Where the cache goes: $NARRATOR_CACHE, else the user's cache folder; None if neither."""
    named = os.environ.get("NARRATOR_CACHE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "narrator"
    try:
        return Path.home() / ".cache" / "narrator"
    except RuntimeError:  # no home folder
        return None


def open_cache(sources: Sequence[bytes | None]) -> LoadCache:
    """The cache for these phrasebook files, read from disk when there is a valid one."""
    place = folder()
    if any(s is None for s in sources) or place is None:
        return LoadCache("", None)
    # the phrases' trees are Jinja's parser's: a new Jinja is a new key
    key = _key([library_stamp("jinja2").encode(), *(s for s in sources if s is not None)])
    path = place / f"phrasebook-{key[:32]}.json"
    cache = LoadCache(key, path)
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise ValueError("too large to be a phrasebook cache")
        _fill(cache, json.loads(path.read_bytes()))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        cache.yaml.clear()
        cache.phrases.clear()  # missing, unreadable or not ours: built again
    return cache


def _fill(cache: LoadCache, data: Any) -> None:
    """Take `data`'s values into `cache`; raise ValueError (or a lookup error) unless it is a
    cache file of this schema and key, of the expected shape."""
    if data.get("schema") != SCHEMA or data.get("key") != cache.key:
        raise ValueError("another cache")
    yaml, phrases = data["yaml"], data["phrases"]
    if not isinstance(yaml, dict) or not isinstance(phrases, dict):
        raise ValueError("not a phrasebook cache")
    for text, (variables, pieces, tree) in phrases.items():
        if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
            raise ValueError("not a phrase analysis")
        if tree is not None and not isinstance(tree, list):
            raise ValueError("not a phrase tree")  # its shape is checked where it is used
        cache.phrases[str(text)] = Analysis(frozenset(variables), _pieces(pieces), tree)
    for digest, value in yaml.items():
        _decode(value)  # raises on anything not written by _encode
        cache.yaml[str(digest)] = value


def _pieces(value: Any) -> Pieces | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValueError("not a phrase's pieces")
    pieces: Pieces = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], bool)):
            raise ValueError("not a phrase's pieces")
        if not isinstance(item[1], str):
            raise ValueError("not a phrase's pieces")
        pieces.append((item[0], item[1]))
    return pieces


def save(cache: LoadCache) -> None:
    """Write the cache (a temporary file, then renamed over the old one); nothing when the
    folder cannot be written."""
    assert cache.path is not None
    data = {
        "schema": SCHEMA,
        "key": cache.key,
        "yaml": cache.yaml,
        "phrases": {
            text: [sorted(a.variables), a.pieces, a.tree]
            for text, a in sorted(cache.phrases.items())
        },
    }
    write_quietly(cache.path, json.dumps(data, ensure_ascii=False, allow_nan=False))


def text_value(text: str) -> tuple[bool, Any]:
    """(True, value) when the values of the YAML `text` (a config, catalogue or commentary
    file, read outside the phrasebook's loading) are kept in a file of their own; (False,
    None) when not. The file, "yaml-<key>.json", is keyed as the phrasebook's cache is (by
    the text's bytes, narrator's version, `SCHEMA` and the reading code), holds its key and
    is checked as that one is: a file that does not parse, holds another key or the wrong
    shape is not used (and is written again)."""
    path, key = _text_path(text)
    if path is None:
        return False, None
    try:
        if path.stat().st_size > _MAX_BYTES:
            return False, None
        data = json.loads(path.read_bytes())
        if data.get("schema") != SCHEMA or data.get("key") != key:
            return False, None
        return True, _decode(data["value"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return False, None


def keep_text_value(text: str, value: Any) -> None:
    """Keep the values of the YAML `text` for `text_value`, when JSON can hold them."""
    path, key = _text_path(text)
    if path is None:
        return
    try:
        data = {"schema": SCHEMA, "key": key, "value": _encode(value)}
    except ValueError:
        return
    write_quietly(path, json.dumps(data, ensure_ascii=False, allow_nan=False))


def _text_path(text: str) -> tuple[Path | None, str]:
    place = folder()
    if place is None:
        return None, ""
    key = _key([b"a YAML text\n", text.encode("utf-8")])
    return place / f"yaml-{key[:32]}.json", key


def write_quietly(path: Path, text: str) -> None:
    """Write `text` into `path` (a temporary file, then renamed over the old one); nothing
    when the folder cannot be written. Every cache file narrator keeps is written so."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, "utf-8")
        temporary.replace(path)
    except OSError:
        with suppress(OSError):  # a folder that is not one has no temporary file either
            temporary.unlink(missing_ok=True)


Fact = str | bool
"""A fact kept by `remembered`: a text or a yes/no."""

_FACTS: dict[str, dict[str, Fact]] = {}


def remembered(library: str, question: str, answer: Callable[[], Fact]) -> Fact:
    """What `answer()` gives for `question` (a text naming everything the answer depends on
    besides `library`, the package that works it out: "plain symbols en_GB"), kept in a
    facts file of its own ("facts-<key>.json", keyed by the library's version, narrator's and
    `SCHEMA`, the key stored and checked as the phrasebook cache's is) so that a later run
    need not import the library. Only texts and yes/no answers are kept."""
    place = folder()
    if place is None:
        return answer()
    key = _key([f"facts of {library_stamp(library)}\n".encode()])
    path = place / f"facts-{key[:32]}.json"
    facts = _FACTS.get(key)
    if facts is None:
        facts = _FACTS[key] = _read_facts(path, key)
    if question not in facts:
        facts[question] = answer()
        data = {"schema": SCHEMA, "key": key, "facts": dict(sorted(facts.items()))}
        write_quietly(path, json.dumps(data, ensure_ascii=False))
    return facts[question]


def _read_facts(path: Path, key: str) -> dict[str, Fact]:
    """The facts kept in `path` under `key`; none when the file is missing or not one."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return {}
        data = json.loads(path.read_bytes())
        if data.get("schema") != SCHEMA or data.get("key") != key:
            return {}
        facts = data["facts"]
        if isinstance(facts, dict) and all(
            isinstance(k, str) and isinstance(v, str | bool) for k, v in facts.items()
        ):
            return dict(facts)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        pass
    return {}


@functools.cache
def library_stamp(name: str) -> str:
    """An installed package's name, its version (as its __init__.py writes `__version__`)
    and the hash of that file, found without importing it or importlib.metadata: what a
    cached result of the package's work is keyed by. "<name> missing" when it is not
    installed."""
    from importlib.util import find_spec

    found = find_spec(name)
    origin = None if found is None else found.origin
    try:
        text = Path(origin).read_bytes() if origin else b""
    except OSError:
        text = b""
    if not text:
        return f"{name} missing"
    match = _VERSION.search(text)
    version = match.group(1).decode("ascii", "replace") if match else "unknown"
    return f"{name} {version} {_digest(text)}"


_VERSION = re.compile(rb"""^__version__\s*(?::\s*str\s*)?=\s*["']([^"']+)["']""", re.MULTILINE)


def _key(sources: Sequence[bytes]) -> str:
    from narrator import __version__

    hasher = hashlib.sha256(f"narrator {__version__} schema {SCHEMA}\n".encode())
    package = Path(__file__).resolve().parent
    for name in _CODE:
        hasher.update(file_digest(package / name).encode())
    for source in sources:
        hasher.update(_digest(source).encode())
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of the file at `path`, in hex; "missing" when it cannot be read."""
    try:
        return _digest(path.read_bytes())
    except OSError:
        return "missing"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
