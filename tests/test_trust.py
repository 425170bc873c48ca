"""Trust (issue 20): nothing narrator reads can run code, the review loop keeps its promises,
no user file is truncated, and what narrator says to an officer is plain English.

Each test is named after the behaviour it holds narrator to.
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, run_cli
from tests.helpers import query_free_sample, query_free_text

# --- the national benchmark cache holds data only ----------------------------------------------


class _Planted:
    """Unpickling this opens (creates) the file named: what a planted cache file could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


@pytest.fixture
def cached_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path, bytes]:
    """The sample in a folder of its own, built once so its benchmark cache exists:
    (folder, cache folder, the report's document XML)."""
    folder = tmp_path / "report"
    shutil.copytree(SAMPLE, folder)
    cache = tmp_path / "cache"
    monkeypatch.setenv("NARRATOR_CACHE", str(cache))
    code, _, err = run_cli(
        ["build", str(folder / "config.yaml"), "-o", str(folder / "a.docx")], capsys
    )
    assert code == 0, err
    assert list(cache.iterdir())
    return folder, cache, _document(folder / "a.docx")


def _document(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def test_a_planted_pickle_in_the_benchmark_cache_is_never_run(
    cached_report: tuple[Path, Path, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, cache, first = cached_report
    marker = folder / "planted-code-ran"
    payload = pickle.dumps(_Planted(marker))
    for file in list(cache.iterdir()):
        file.write_bytes(payload)
        file.with_suffix(".pickle").write_bytes(payload)
    code, _, err = run_cli(
        ["build", str(folder / "config.yaml"), "-o", str(folder / "b.docx")], capsys
    )
    assert code == 0, err
    assert not marker.exists(), "the planted cache file ran its code"
    assert _document(folder / "b.docx") == first


def test_a_damaged_benchmark_cache_is_rebuilt_with_a_warning(
    cached_report: tuple[Path, Path, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, cache, first = cached_report
    (file,) = list(cache.glob("benchmarks-*"))  # beside it, the phrasebook's own cache
    file.write_bytes(file.read_bytes()[:100])
    code, _, err = run_cli(
        ["build", str(folder / "config.yaml"), "-o", str(folder / "b.docx")], capsys
    )
    assert code == 0, err
    assert f"{file}: the saved national benchmarks cannot be used" in err
    assert _document(folder / "b.docx") == first
    code, _, err = run_cli(
        ["build", str(folder / "config.yaml"), "-o", str(folder / "c.docx")], capsys
    )
    assert "benchmarks cannot be used" not in err  # saved afresh


def test_a_benchmark_cache_is_checked_against_its_key_and_types() -> None:
    import json
    from decimal import Decimal

    from narrator.national.cache import CacheRefused, dumps, loads
    from narrator.published import Benchmark, Figure, YearBenchmark

    year = YearBenchmark(
        "2022/23",
        Figure(Decimal("3.16")),
        Figure(None, "suppressed"),
        Figure(Decimal("2.9")),
        "East Midlands",
        Decimal("3.05"),
        ("Derbyshire",),
        (),
        41,
        150,
        (Decimal("1"), Decimal("2"), Decimal("3")),
        2,
    )
    bench = Benchmark(
        "TotPermEx",
        "Total",
        "low",
        True,
        2,
        "Leicestershire",
        year,
        None,
        "2022/23",
        Figure(Decimal("3.16")),
        "published",
        series=(("2022/23", Decimal("3.16")),),
    )
    data = dumps("k1", {"x": bench})
    again = loads(data, "k1", {"x"})
    assert again == {"x": bench} and again["x"].series == bench.series
    with pytest.raises(CacheRefused, match="key differs"):
        loads(data, "k2", {"x"})
    with pytest.raises(CacheRefused, match="indicators asked for"):
        loads(data, "k1", {"x", "y"})
    document = json.loads(data)
    document["benchmarks"]["x"]["latest"]["rank"] = "41"
    with pytest.raises(CacheRefused, match="rank"):
        loads(json.dumps(document).encode(), "k1", {"x"})
    document["benchmarks"]["x"]["latest"]["rank"] = 41
    document["benchmarks"]["x"]["latest"]["__class__"] = "os.system"
    with pytest.raises(CacheRefused, match="fields"):
        loads(json.dumps(document).encode(), "k1", {"x"})
    with pytest.raises(CacheRefused, match="not a JSON"):
        loads(pickle.dumps(bench), "k1", {"x"})


# --- --previous refuses identities edited by hand ---------------------------------------------


def _edited_parts(source: Path, out: Path, part: str, old: str, new: str, count: int = 1) -> None:
    """`source` with `old` replaced by `new` in one of its parts (`count` times; -1: all)."""
    import zipfile

    with zipfile.ZipFile(source) as archive:
        parts = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    text = parts[part].decode("utf-8")
    assert old in text, f"{old!r} not in {part}"
    parts[part] = text.replace(old, new, count).encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


_CP = "indicator%3Achild%20protection%20cases%20which%20were%20reviewed%20within%20timescales"
_ASSESSMENTS = "indicator%3Aassessments%20completed%20within%2045%20days"


def _swap_keys(source: Path, out: Path) -> None:
    _edited_parts(source, out, "docProps/custom.xml", _CP, "@@")
    _edited_parts(out, out, "docProps/custom.xml", _ASSESSMENTS, _CP)
    _edited_parts(out, out, "docProps/custom.xml", "@@", _ASSESSMENTS)


def _rename_key(source: Path, out: Path) -> None:
    _edited_parts(source, out, "docProps/custom.xml", _CP, _CP.replace("cases", "plans"))


def _rename_one_bookmark(source: Path, out: Path) -> None:
    import hashlib

    digits = hashlib.sha1(b"indicator:care leavers eet").hexdigest()[:8]
    _edited_parts(
        source, out, "word/document.xml", f'w:name="_nar_{digits}', 'w:name="_nar_0bad0bad'
    )


def _rename_all_bookmarks(source: Path, out: Path) -> None:
    _edited_parts(source, out, "word/document.xml", 'w:name="_nar_', 'w:name="_rev_', -1)


@pytest.mark.parametrize(
    ("tamper", "says"),
    [
        (_swap_keys, ("narrator:keys was edited by hand", "assessments completed within 45")),
        (_rename_key, ("narrator:keys was edited by hand", "child protection plans")),
        (_rename_one_bookmark, ("bookmarks", "renamed", "_nar_0bad0bad", "care leavers eet")),
        (_rename_all_bookmarks, ("bookmarks", "renamed", "_rev_", "and 2")),
    ],
    ids=["keys-swapped", "key-renamed", "one-bookmark-renamed", "every-bookmark-renamed"],
)
def test_previous_refuses_hand_edited_identities_naming_what_was_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tamper: object, says: tuple[str, ...]
) -> None:
    config = str(SAMPLE / "config.yaml")
    first = tmp_path / "report.docx"
    code, _, err = run_cli(["build", config, "-o", str(first)], capsys)
    assert code == 0, err
    edited = tmp_path / "edited.docx"
    tamper(first, edited)  # type: ignore[operator]
    out = tmp_path / "next.docx"
    code, _, err = run_cli(["build", config, "--previous", str(edited), "-o", str(out)], capsys)
    assert code == 2, err
    assert err.startswith(f"error: {edited}: previous report: ") and "internal error" not in err
    for text in says:
        assert text in err, f"{text!r} not in {err!r}"
    assert not out.exists()


# --- the conflict comment says what the draft said and what the data now gives ---------------

_ASSESSMENTS_ROW = "Assessments completed within 45 days,"


def _corrected(folder: Path, old: str, new: str) -> Path:
    """The query-free sample dashboard (tests.helpers.query_free_text) with the assessments
    row's cells `old` replaced by `new`."""
    source = query_free_text()
    lines = source.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if _ASSESSMENTS_ROW in line]
    assert old in lines[index]
    lines[index] = lines[index].replace(old, new)
    out = folder / f"corrected-{len(list(folder.glob('corrected-*')))}.csv"
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _reword_assessments(source: Path, out: Path) -> None:
    from docx import Document

    from narrator.language.assemble import indicator_key
    from narrator.word import markers, wordxml

    document = Document(str(source))
    key_map = markers.read_key_map(document)
    wanted = indicator_key("Assessments completed within 45 days")
    for p in wordxml.body_paragraphs(document):
        if key_map.get(markers.marker_digits(p) or "") == wanted:
            run = p.xpath(".//w:r/w:t")[0]
            run.text = "Timeliness slipped this quarter. " + run.text
            break
    else:
        raise AssertionError("no assessments paragraph")
    document.save(str(out))


def _notes(path: Path) -> list[str]:
    from docx import Document

    return [c.text for c in Document(str(path)).comments if c.author == "narrator"]


def test_a_conflict_comment_says_what_the_draft_said_and_what_the_corrected_data_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the sample made query-free: the assessments paragraph's only narrator comment is the
    # conflict's (the sample's own query is on that paragraph)
    config = str(query_free_sample(tmp_path / "sample"))
    first, edited = tmp_path / "first.docx", tmp_path / "edited.docx"
    code, _, err = run_cli(["build", config, "-o", str(first)], capsys)
    assert code == 0, err
    _reword_assessments(first, edited)
    data = _corrected(
        tmp_path,
        ",83.1%,Decrease,>90.3%,Amber,2,,,,1588,",
        ",84.0%,Decrease,>90.3%,Amber,2,,,,1604,",
    )
    once = tmp_path / "once.docx"
    argv = ["build", config, "--data", str(data), "--previous", str(edited), "-o", str(once)]
    code, _, err = run_cli(argv, capsys)
    assert code == 0, err
    (note,) = _notes(once)
    assert "please check it. The draft said 83.1%; the corrected data gives 84.0%. Newly" in note
    said = note[: note.index("Newly generated wording")]
    assert "previously" not in said and "88.6%" not in said  # the quarter before is not news

    # corrected again: the reviewer's wording still starts from the draft's 83.1%; the
    # target changed too, and is named
    again = _corrected(
        tmp_path,
        ",83.1%,Decrease,>90.3%,Amber,2,,,,1588,",
        ",84.5%,Decrease,>91.0%,Amber,2,,,,1614,",
    )
    twice = tmp_path / "twice.docx"
    argv = ["build", config, "--data", str(again), "--previous", str(once), "-o", str(twice)]
    code, _, err = run_cli(argv, capsys)
    assert code == 0, err
    (note,) = _notes(twice)
    assert (
        "The draft said 83.1%, a target of >90.3%; the corrected data gives 84.5%, a target of "
        ">91.0%." in note
    ), note


# --- init writes atomically; the crashes that were left are located messages --------------------


@pytest.fixture
def init_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A folder holding a dashboard and the config and catalogue `init` wrote for it, each
    since edited by its officer."""
    shutil.copy(SAMPLE / "dashboard-q1-2024-25.csv", tmp_path / "dashboard.csv")
    code, _, err = run_cli(["init", str(tmp_path / "dashboard.csv"), "--area", "Rutland"], capsys)
    assert code == 0, err
    for name in ("config.yaml", "catalogue.yaml"):
        with (tmp_path / name).open("a", encoding="utf-8") as stream:
            stream.write("# the officer's own notes\n")
    return tmp_path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_init_force_on_a_full_disk_leaves_the_config_and_catalogue_as_they_were(
    init_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    before = _files(init_folder)
    calls = []

    def fsync(fd: int) -> None:  # the config is written; the disk fills up on the catalogue
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    argv = ["init", str(init_folder / "dashboard.csv"), "--area", "Rutland", "--force"]
    code, _, err = run_cli(argv, capsys)
    assert code == 2, err
    assert err.startswith("error: ") and "internal error" not in err
    assert "catalogue.yaml" in err and "the disk is full" in err and "nothing was changed" in err
    assert _files(init_folder) == before  # no truncated file, no backup, no temporary file


@pytest.mark.parametrize(
    ("failure", "says"),
    [("access", "permission denied for the folder"), ("read-only", "read-only disk")],
)
def test_init_into_a_folder_it_cannot_write_is_a_located_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
    says: str,
) -> None:
    import errno
    import os
    import tempfile

    shutil.copy(SAMPLE / "dashboard-q1-2024-25.csv", tmp_path / "dashboard.csv")
    folder = tmp_path / "shared-drive"
    folder.mkdir()
    if failure == "access":  # the tests may run as root, who may write anywhere
        real = os.access
        writes = os.W_OK
        monkeypatch.setattr(
            os, "access", lambda p, m: not (Path(p) == folder and m & writes) and real(p, m)
        )
    else:

        def read_only(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(tempfile, "mkstemp", read_only)
    argv = ["init", str(tmp_path / "dashboard.csv"), "-o", str(folder)]
    code, _, err = run_cli(argv, capsys)
    assert code == 2, err
    assert err.startswith(f"error: {folder / 'config.yaml'}: ") and "internal error" not in err
    assert says in err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", ["init", "build"])
def test_an_output_name_over_255_bytes_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    long = "é" * 130  # 260 bytes in UTF-8, 130 characters
    if command == "init":
        shutil.copy(SAMPLE / "dashboard-q1-2024-25.csv", tmp_path / "dashboard.csv")
        argv = ["init", str(tmp_path / "dashboard.csv"), "-o", str(tmp_path / long)]
    else:
        argv = ["build", str(SAMPLE / "config.yaml"), "-o", str(tmp_path / f"{long}.docx")]
    code, _, err = run_cli(argv, capsys)
    assert code == 2, err
    assert "internal error" not in err
    assert "bytes long; file and folder names can be at most 255: choose a shorter name" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["dashboard.csv"] if command == "init" else []
    )


@pytest.mark.parametrize("section", ["top", "national", "text"])
def test_yaml_keys_mixing_numbers_and_text_are_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], section: str
) -> None:
    shutil.copytree(SAMPLE, tmp_path / "report")
    config = tmp_path / "report" / "config.yaml"
    text = config.read_text(encoding="utf-8")
    if section == "top":
        text += "2024: Quarter 1\nfoo: bar\n"
    else:
        text = text.replace(f"\n{section}:\n", f"\n{section}:\n  1: x\n  foo: y\n", 1)
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index("2024: Quarter 1" if section == "top" else "  1: x") + 1
    code, _, err = run_cli(["build", str(config), "-o", str(tmp_path / "r.docx")], capsys)
    assert code == 2, err
    assert "internal error" not in err
    number = "2024" if section == "top" else "1"
    assert f"{config}: refused: line {line}," in err
    assert f"the key '{number}' is a whole number, but the keys beside it" in err
    assert f"put it in quotes ('{number}')" in err


# --- national tables get the checks every input gets ---------------------------------------------


def _national_table(folder: Path, key: str, path: str) -> None:
    config = folder / "config.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index(f"\n  {key}: ") + 1
    end = text.index("\n", start)
    config.write_text(f"{text[:start]}  {key}: {path}{text[end:]}", encoding="utf-8")


def _fifo_table(folder: Path) -> tuple[str, str]:
    import os

    os.mkfifo(folder / "pipe.csv")
    return "lait", "pipe.csv"


def _bomb_workbook(folder: Path) -> tuple[str, str]:
    """A workbook whose sheet declares 4 GB unpacked (it holds 1 KB)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b"\0" * 1024)
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")  # the member's central directory entry
    assert data[central + 46 : central + 46 + len(member)] == member.encode()
    data[central + 24 : central + 28] = (4_000_000_000).to_bytes(4, "little")
    (folder / "sn.xlsx").write_bytes(bytes(data))
    return "neighbours", "sn.xlsx"


def _run_narrator(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a child process with a time limit and a 2 GB memory cap: a read
    that never ends or grows without bound fails the test, not the machine."""
    import os
    import resource
    import sys

    from tests.conftest import ROOT

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    return subprocess.run(
        [sys.executable, "-m", "narrator", *argv],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=10.0,
        preexec_fn=cap,
    )


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_fifo_table, ("pipe.csv", "not a regular file")),
        (lambda folder: ("lait", "/dev/zero"), ("/dev/zero", "not a regular file")),
        (_bomb_workbook, ("sn.xlsx", "uncompressed")),
    ],
    ids=["fifo", "dev-zero", "zip-bomb-workbook"],
)
def test_national_tables_get_the_size_type_and_zip_checks_of_every_input(
    tmp_path: Path, make: object, says: tuple[str, ...]
) -> None:
    folder = tmp_path / "report"
    shutil.copytree(SAMPLE, folder)
    key, path = make(folder)  # type: ignore[operator]
    _national_table(folder, key, path)
    for command in (["check", "config.yaml"], ["build", "config.yaml", "-o", "r.docx"]):
        result = _run_narrator(command, folder)
        assert result.returncode == 2, result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        for text in says:
            assert text in result.stderr, result.stderr
    assert not (folder / "r.docx").exists()


# --- speaking to officers -----------------------------------------------------------------------


def test_explain_speaks_plain_english(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["explain", str(SAMPLE / "config.yaml"), "Assessments completed within 45 days"]
    code, out, err = run_cli(argv, capsys)
    assert code == 0, err
    for line in (
        "  polarity: high is good   <- row 5, column \"Polarity\": 'High = Good'",
        "  frequency: quarterly   <- row 5, column \"Frequency\": 'Quarter'",
        '  latest: 83.1%   <- row 5, column "Latest Value"',
        '  trend: decrease   <- row 5, column "Trend"',
        "  target: more than 90.3%   <- row 5, column \"Target\": '>90.3%'",
        '  RAG rating: Amber   <- row 5, column "Status RAG"',
        "  figures carry a % sign: yes",
    ):
        assert f"\n{line}\n" in out, line
    for internal in ("Polarity.", "Target(", "TargetKind", "Rag.", "Direction.", "Frequency."):
        assert internal not in out


@pytest.mark.parametrize("command", ["build", "check", "explain"])
@pytest.mark.parametrize("dashboard", ["dashboard-q1-2024-25.csv", "dashboard-q1-2024-25.xlsx"])
def test_a_dashboard_given_for_the_config_says_so_and_names_init(
    capsys: pytest.CaptureFixture[str], command: str, dashboard: str
) -> None:
    path = SAMPLE / dashboard
    argv = [command, str(path), *(["Care leavers EET"] if command == "explain" else [])]
    code, _, err = run_cli(argv, capsys)
    assert code == 2, err
    assert err == (
        f"error: {path}: this looks like a dashboard, not a report config: narrator takes the "
        "config file (YAML) that names the dashboard. To write one for this dashboard, run "
        f"`narrator init {path}`\n"
    )


def test_the_default_output_is_named_after_the_report_and_its_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "leicestershire-cfs"
    shutil.copytree(SAMPLE, folder)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(["build", "leicestershire-cfs/config.yaml"], capsys)
    assert code == 0, err
    assert out.startswith("Wrote out/leicestershire-cfs-q1-2024-25.docx: ")
    # a config named for its report, of another council: the area goes in front
    config = folder / "childrens-services.yaml"
    text = (folder / "config.yaml").read_text(encoding="utf-8")
    text = text[: text.index("\n# Published national tables")]  # Leicestershire's tables
    config.write_text(text.replace("area: Leicestershire", "area: Ynys Môn"), encoding="utf-8")
    code, out, err = run_cli(["build", str(config)], capsys)
    assert code == 0, err
    assert out.startswith("Wrote out/ynys-môn-childrens-services-q1-2024-25.docx: ")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "leicestershire-cfs-q1-2024-25.docx",
        "ynys-môn-childrens-services-q1-2024-25.docx",
    ]


def test_the_readme_opens_with_a_quick_start_and_keeps_benchmarks_in_docs() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    headings = [line for line in readme if line.startswith("## ")]
    assert headings[0] == "## Quick start"
    start = readme.index("## Quick start")
    end = readme.index(headings[1])
    quick = "\n".join(readme[start:end])
    assert end - start <= 35
    for step in ("pipx install", "pip install", "make demo", "narrator init", "narrator check"):
        assert step in quick, step
    assert "narrator build" in quick and "--previous" in quick
    whole = "\n".join(readme)
    assert "| indicators | build (s)" not in whole and "python-docx floor" not in whole
    performance = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert "| indicators | build (s)" in performance
    assert "(docs/performance.md)" in whole
