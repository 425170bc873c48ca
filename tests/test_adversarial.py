"""Adversarial inputs: every one ends in a narrator error (exit 1 or 2) naming the file or the
setting, what was wrong and what to do, within TIME_LIMIT seconds, and leaves the output as it
was (no half-written report, no stray temporary file).

Each case makes its own bad input in a copy of the sample report's folder (small on disk: a
"huge" file is a sparse one, a zip bomb declares sizes it never holds) and runs the command line
in a child process with a time limit and a memory cap, so a case that hangs or grows without
bound fails its test instead of the machine.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from narrator import batch as _batch
from tests.conftest import ROOT, SAMPLE

TIME_LIMIT = 10.0
"""Seconds a case may take, start-up included (the issue's bound for this machine)."""

MEMORY_CAP = 2 * 1024**3
"""Address space a case's process may use: a runaway allocation fails it, not the machine."""

OUT = "out/report.docx"


@dataclass(frozen=True)
class Case:
    """One bad input: `make` writes it into the report folder and returns the command line
    (after `narrator`); the run must exit with `code` and its stderr contain each of `says`.
    `code` 0 is damage narrator works around: the report must then be written."""

    name: str
    make: Callable[[Path], list[str]]
    code: int
    says: tuple[str, ...]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_narrator(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "narrator", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_cap_memory,
    )


# --- making bad inputs -------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _own_phrasebook(folder: Path) -> None:
    """Make the config name phrasebook.yaml as its phrasebook (the case then writes it)."""
    config = folder / "config.yaml"
    text = config.read_text(encoding="utf-8")
    if "\nphrasebook: phrasebook.yaml\n" not in text:
        _config_line(folder, "phrasebook: phrasebook.yaml")


def _config_line(folder: Path, line: str) -> None:
    with (folder / "config.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + line + "\n")


def _append(folder: Path, line: str) -> list[str]:
    _config_line(folder, line)
    return ["build", "config.yaml", "-o", OUT]


def _replace(folder: Path, file: str, old: str, new: str) -> list[str]:
    _edit(folder / file, old, new)
    return ["build", "config.yaml", "-o", OUT]


def _dashboard_cell(folder: Path, old: str, new: str) -> list[str]:
    _edit(folder / "dashboard-q1-2024-25.csv", old, new)
    return ["build", "config.yaml", "-o", OUT]


BOMB = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
"""The "billion laughs": nine levels of nine aliases, 9**9 strings once expanded."""


def _yaml_bomb(file: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / file
        if file == "phrasebook.yaml":
            _own_phrasebook(folder)
            path.write_text("settings:\n  bomb:\n" + _indent(BOMB, 4), encoding="utf-8")
        elif file == "catalogue.yaml":
            path.write_text(BOMB + "indicators: []\n", encoding="utf-8")
        else:
            with path.open("a", encoding="utf-8") as stream:
                stream.write("\n" + BOMB)
        return ["build", "config.yaml", "-o", OUT]

    return make


def _indent(text: str, n: int) -> str:
    return "".join(" " * n + line + "\n" for line in text.splitlines())


def _deep_yaml(folder: Path) -> list[str]:
    _config_line(folder, "rules: " + "[" * 990 + "]" * 990)
    return ["build", "config.yaml", "-o", OUT]


def _null_key(folder: Path) -> list[str]:
    _config_line(folder, "~: nothing")
    return ["build", "config.yaml", "-o", OUT]


def _null_key_catalogue(folder: Path) -> list[str]:
    _edit(folder / "catalogue.yaml", "    unit: percentage\n", "    unit: percentage\n    ~: x\n")
    return ["build", "config.yaml", "-o", OUT]


def _phrase(text: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        _own_phrasebook(folder)
        (folder / "phrasebook.yaml").write_text(
            f"plan:\n  parts:\n    quartile.placed: {text!r}\n", encoding="utf-8"
        )
        return ["build", "config.yaml", "-o", OUT]

    return make


def _locale(folder: Path) -> list[str]:
    _own_phrasebook(folder)
    (folder / "phrasebook.yaml").write_text("settings:\n  locale: xx_YY\n", encoding="utf-8")
    return ["build", "config.yaml", "-o", OUT]


def _decimals(value: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        _edit(folder / "catalogue.yaml", "    decimals: 1\n", f"    decimals: {value}\n")
        return ["build", "config.yaml", "-o", OUT]

    return make


def _data(content: bytes | None = None, *, size: int = 0) -> Callable[[Path], list[str]]:
    """--data given as a file of these bytes, or a sparse file of `size` bytes."""

    def make(folder: Path) -> list[str]:
        path = folder / "bad.csv"
        if content is not None:
            path.write_bytes(content)
        else:
            with path.open("wb") as stream:
                stream.truncate(size)
        return ["build", "config.yaml", "--data", str(path), "-o", OUT]

    return make


def _many_rows(folder: Path, n: int) -> list[str]:
    """A dashboard of `n` indicator rows (the sample's, again and again): refused on its row
    count before any row is read, so the repeated names never matter."""
    lines = (folder / "dashboard-q1-2024-25.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line.strip()]
    with (folder / "bad.csv").open("w", encoding="utf-8") as stream:
        stream.write(header + "\n")
        for i in range(n):
            stream.write(rows[i % len(rows)] + "\n")
    return ["build", "config.yaml", "--data", "bad.csv", "-o", OUT]


def _xlsx_number(value: float) -> Callable[[Path], list[str]]:
    """The sample workbook with the first Latest Value a number Excel can hold but no report
    can print (1e30, or a float that is not finite), formatted with one decimal place."""

    def make(folder: Path) -> list[str]:
        import openpyxl

        book = openpyxl.load_workbook(folder / "dashboard-q1-2024-25.xlsx")
        sheet = book.worksheets[0]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "Latest Value":
                    target = sheet.cell(row=cell.row + 1, column=cell.column)
                    target.value = value
                    target.number_format = "0.0"
                    book.save(folder / "bad.xlsx")
                    return ["build", "config.yaml", "--data", "bad.xlsx", "-o", OUT]
        raise AssertionError("no Latest Value column")

    return make


def _xlsx_sheet_xml(after_data: bytes, in_data: bytes = b"") -> Callable[[Path], list[str]]:
    """The sample workbook with XML added to its sheet: rows at the end of sheetData, elements
    after it (a merged range). Written as XML: openpyxl itself cannot write such a sheet."""

    def make(folder: Path) -> list[str]:
        source = folder / "dashboard-q1-2024-25.xlsx"
        with zipfile.ZipFile(source) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml")
        sheet = sheet.replace(b"</sheetData>", in_data + b"</sheetData>" + after_data, 1)
        (folder / "bad.xlsx").write_bytes(_docx_parts(source, {"xl/worksheets/sheet1.xml": sheet}))
        return ["build", "config.yaml", "--data", "bad.xlsx", "-o", OUT]

    return make


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.csv")
    return ["build", "config.yaml", "--data", "pipe.csv", "-o", OUT]


def _special(path: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        return ["build", "config.yaml", "--data", path, "-o", OUT]

    return make


def _config_is(path: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        _edit(folder / "config.yaml", "catalogue: catalogue.yaml", f"catalogue: {path}")
        return ["build", "config.yaml", "-o", OUT]

    return make


def _zip_bomb(name: str, member: str, declared: int) -> bytes:
    """A zip whose `member` declares `declared` bytes uncompressed (it holds a few): a reader
    that trusts the sizes would allocate them, one that checks first refuses."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b"\0" * 1024)
    data = bytearray(buffer.getvalue())
    # patch the declared uncompressed size in the central directory entry of `member`
    central = data.rfind(b"PK\x01\x02")
    assert data[central + 46 : central + 46 + len(member)] == member.encode()
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    return bytes(data)


def _xlsx_bomb(folder: Path) -> list[str]:
    (folder / "bomb.xlsx").write_bytes(
        _zip_bomb("bomb.xlsx", "xl/worksheets/sheet1.xml", 4_000_000_000)
    )
    return ["build", "config.yaml", "--data", "bomb.xlsx", "-o", OUT]


def _docx_parts(source: Path, replace: dict[str, bytes | None]) -> bytes:
    """The .docx at `source` with some parts replaced (None: removed)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename in replace:
                if replace[item.filename] is not None:
                    new.writestr(item.filename, replace[item.filename])  # type: ignore[arg-type]
            else:
                new.writestr(item, old.read(item.filename))
    return buffer.getvalue()


TEMPLATE = ROOT / "templates" / "reference.docx"


def _template(parts: dict[str, bytes | None] | None = None, raw: bytes | None = None):  # type: ignore[no-untyped-def]
    def make(folder: Path) -> list[str]:
        data = raw if raw is not None else _docx_parts(TEMPLATE, parts or {})
        (folder / "house.docx").write_bytes(data)
        return ["build", "config.yaml", "--template", "house.docx", "-o", OUT]

    return make


DTD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
)


def _with_dtd() -> bytes:
    with zipfile.ZipFile(TEMPLATE) as archive:
        styles = archive.read("word/styles.xml")
    body = styles[styles.index(b"?>") + 2 :].lstrip()
    return DTD + body


def _wrong_style_type() -> bytes:
    import re

    with zipfile.ZipFile(TEMPLATE) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    changed, n = re.subn(
        r'<w:style w:type="paragraph"([^>]*)w:styleId="Heading1"',
        r'<w:style w:type="character"\1w:styleId="Heading1"',
        styles,
    )
    assert n == 1
    return changed.encode("utf-8")


# --- previous reports -------------------------------------------------------------------------


def _previous(transform: Callable[[bytes], bytes]) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        built = folder / "built.docx"
        result = run_narrator(["build", "config.yaml", "-o", str(built)], folder)
        assert result.returncode == 0, result.stderr
        (folder / "previous.docx").write_bytes(transform(built.read_bytes()))
        built.unlink()
        return ["build", "config.yaml", "--previous", "previous.docx", "-o", OUT]

    return make


def _replace_part(name: str, change: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def transform(data: bytes) -> bytes:
        import io
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".docx", delete=False) as handle:
            handle.write(data)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                part = archive.read(name)
            return _docx_parts(Path(handle.name), {name: change(part)})
        finally:
            os.unlink(handle.name)

    return transform


def _plain_docx(data: bytes) -> bytes:
    import io

    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Minutes of the last meeting.")
    document.save(buffer)
    return buffer.getvalue()


CASES = [
    # YAML: bombs, depth, null keys
    Case("config-alias-bomb", _yaml_bomb("config.yaml"), 2, ("config.yaml", "alias")),
    Case("catalogue-alias-bomb", _yaml_bomb("catalogue.yaml"), 2, ("catalogue.yaml", "alias")),
    Case("commentary-alias-bomb", _yaml_bomb("commentary.yaml"), 2, ("commentary.yaml", "alias")),
    Case("phrasebook-alias-bomb", _yaml_bomb("phrasebook.yaml"), 2, ("phrasebook.yaml", "alias")),
    Case("config-990-levels", _deep_yaml, 2, ("config.yaml", "levels")),
    Case("config-null-key", _null_key, 2, ("config.yaml", "empty key")),
    Case("catalogue-null-key", _null_key_catalogue, 2, ("catalogue.yaml", "empty key")),
    # phrases that run away
    Case(
        "phrase-huge-range",
        _phrase("{% for i in range(10**9) %}x{% endfor %}"),
        2,
        ("phrasebook.yaml", "quartile.placed", "range"),
    ),
    Case(
        "phrase-huge-string",
        _phrase("{{ 'x' * 10**10 }}"),
        2,
        ("phrasebook.yaml", "quartile.placed"),
    ),
    Case(
        "phrase-huge-power", _phrase("{{ 9**(9**9) }}"), 2, ("phrasebook.yaml", "quartile.placed")
    ),
    Case(
        "phrase-slow-loop",
        _phrase("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"),
        2,
        ("phrasebook.yaml", "quartile.placed"),
    ),
    Case(
        "phrase-growing-string",
        _phrase(
            "{% macro f(s, n) %}{{ f(s ~ s, n - 1) if n else s }}{% endmacro %}{{ f('x', 60) }}"
        ),
        2,
        ("phrasebook.yaml", "quartile.placed"),
    ),
    Case(
        "phrase-huge-center",
        _phrase("{{ 'x'|center(10000000000) }}"),
        2,
        ("phrasebook.yaml", "quartile.placed", "20,000"),
    ),
    Case(
        "phrase-huge-format",
        _phrase("{{ '%09999999999d'|format(1) }}"),
        2,
        ("phrasebook.yaml", "quartile.placed", "20,000"),
    ),
    Case(
        "phrase-slow-nested-loops",
        _phrase("{% for a in 'x' * 9000 %}{% for b in 'y' * 9000 %}{% endfor %}{% endfor %}"),
        2,
        ("phrasebook.yaml", "quartile.placed", "seconds"),
    ),
    # settings
    Case("phrasebook-unknown-locale", _locale, 2, ("phrasebook.yaml", "locale", "xx_YY")),
    Case("catalogue-decimals-true", _decimals("true"), 2, ("catalogue.yaml", "decimals")),
    Case("catalogue-decimals-huge", _decimals("1000000000"), 2, ("catalogue.yaml", "decimals")),
    Case(
        "catalogue-decimals-5000-digits",
        _decimals("9" * 5000),
        2,
        ("catalogue.yaml", "5,000 characters"),
    ),
    Case("catalogue-decimals-negative", _decimals("-3"), 2, ("catalogue.yaml", "decimals")),
    Case(
        "config-rules-nan",
        lambda f: _append(f, "rules: {moderate_points: .nan}"),
        2,
        ("config.yaml", "rules.moderate_points"),
    ),
    Case(
        "config-rules-1e400",
        lambda f: _append(f, "rules: {moderate_points: 1e400}"),
        2,
        ("config.yaml", "rules.moderate_points"),
    ),
    Case(
        "config-date-that-does-not-exist",
        lambda f: _replace(
            f, "config.yaml", "meeting_date: 2024-09-03", "meeting_date: 2024-13-45"
        ),
        2,
        ("config.yaml", "YYYY-MM-DD"),
    ),
    # numbers
    Case("value-1e30", lambda f: _dashboard_cell(f, ",92.2%,", ",1e30,"), 2, ("dashboard", "1e30")),
    Case(
        "value-1e309", lambda f: _dashboard_cell(f, ",92.2%,", ",1e309,"), 2, ("dashboard", "1e309")
    ),
    Case(
        "value-400-digits",
        lambda f: _dashboard_cell(f, ",1279,", "," + "9" * 400 + ","),
        2,
        ("dashboard", "digits"),
    ),
    Case(
        "target-huge",
        lambda f: _dashboard_cell(f, ">97.2%", ">" + "9" * 60),
        2,
        ("dashboard", "digits"),
    ),
    Case("xlsx-value-1e30", _xlsx_number(1e30), 2, ("bad.xlsx", "1e+30", "scientific")),
    Case(
        "xlsx-stray-cell-at-XFD1048576",
        _xlsx_sheet_xml(
            b"", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        ),
        2,
        ("bad.xlsx", "17,179,869,184 cells", "delete the rows and columns"),
    ),
    Case(
        "xlsx-merged-range-to-the-end",
        _xlsx_sheet_xml(b'<mergeCells count="1"><mergeCell ref="A40:XFD1048576"/></mergeCells>'),
        2,
        ("bad.xlsx", "A40:XFD1048576", "unmerge"),
    ),
    # input files
    Case("data-missing", _special("nothing-here.csv"), 2, ("nothing-here.csv",)),
    Case("data-fifo", _fifo, 2, ("pipe.csv", "not a regular file")),
    Case("data-dev-zero", _special("/dev/zero"), 2, ("/dev/zero", "not a regular file")),
    Case("data-folder", _special("."), 2, ("--data", "directory")),
    Case("data-too-large", _data(size=3 * 1024**3), 2, ("bad.csv", "larger than")),
    Case("data-xlsx-zip-bomb", _xlsx_bomb, 2, ("bomb.xlsx", "uncompressed")),
    Case("catalogue-is-dev-zero", _config_is("/dev/zero"), 2, ("/dev/zero", "not a regular file")),
    Case(
        "catalogue-too-large", lambda f: _sparse_catalogue(f), 2, ("catalogue.yaml", "larger than")
    ),
    Case(
        "data-5000000-columns",
        _data(b"Indicator" + b"," * 5_000_000 + b"\n"),
        2,
        ("bad.csv", "5,000,001 columns"),
    ),
    Case("data-1500000-blank-lines", _data(b"\n" * 1_500_000), 2, ("bad.csv", "1,500,000 lines")),
    Case(
        "data-100000-rows",
        lambda f: _many_rows(f, 100_000),
        2,
        ("bad.csv", "100,000 rows", "20,000"),
    ),
    # house templates
    Case("template-not-zip", _template(raw=b"not a zip at all"), 2, ("house.docx", "Word")),
    Case("template-truncated", _template(raw=TEMPLATE.read_bytes()[:3000]), 2, ("house.docx",)),
    Case(
        "template-malformed-styles",
        _template({"word/styles.xml": b"<w:styles><unclosed>"}),
        2,
        ("house.docx", "styles.xml"),
    ),
    Case(
        "template-styles-dtd",
        _template({"word/styles.xml": _with_dtd()}),
        2,
        ("house.docx", "styles.xml", "DTD"),
    ),
    Case(
        "template-style-wrong-type",
        _template({"word/styles.xml": _wrong_style_type()}),
        2,
        ("house.docx", "Heading 1", "character"),
    ),
    Case(
        "template-zip-bomb",
        _template(raw=_zip_bomb("house.docx", "word/styles.xml", 4_000_000_000)),
        2,
        ("house.docx", "uncompressed"),
    ),
    # previous reports
    Case("previous-not-zip", _previous(lambda d: b"hello"), 2, ("previous.docx", "Word")),
    Case("previous-truncated", _previous(lambda d: d[: len(d) // 2]), 2, ("previous.docx",)),
    Case(
        "previous-malformed-xml",
        _previous(_replace_part("word/document.xml", lambda p: p[: len(p) // 2])),
        2,
        ("previous.docx", "document.xml"),
    ),
    Case(
        "previous-custom-properties-edited",
        _previous(
            _replace_part(
                "docProps/custom.xml", lambda p: p.replace(b"<vt:lpwstr>", b"<vt:lpwstr>x", 3)
            )
        ),
        2,
        ("previous.docx",),
    ),
    Case(
        "previous-custom-properties-broken",
        _previous(_replace_part("docProps/custom.xml", lambda p: p[: len(p) // 2])),
        2,
        ("previous.docx", "custom.xml"),
    ),
    Case(
        "previous-custom-property-ids-edited",
        _previous(_replace_part("docProps/custom.xml", lambda p: p.replace(b'pid="', b'pid="x'))),
        0,
        (),
    ),
    Case("previous-not-narrators", _previous(_plain_docx), 2, ("previous.docx", "narrator")),
    # outputs
    Case(
        "output-is-a-device",
        lambda f: ["build", "config.yaml", "-o", "/dev/full"],
        2,
        ("/dev/full", "not a regular file"),
    ),
    Case(
        "output-parent-is-file", lambda f: _output_under_file(f), 2, ("config.yaml", "not a folder")
    ),
]


def _sparse_catalogue(folder: Path) -> list[str]:
    with (folder / "catalogue.yaml").open("ab") as stream:
        stream.truncate(3 * 1024**3)
    return ["build", "config.yaml", "-o", OUT]


def _output_under_file(folder: Path) -> list[str]:
    return ["build", "config.yaml", "-o", "config.yaml/report.docx"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "report"
    shutil.copytree(SAMPLE, target)
    (target / "out").mkdir()
    return target


@pytest.fixture(scope="module")
def existing_report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The sample's report as narrator wrote it: each case starts with it at OUT, and must
    leave it byte for byte as it was."""
    folder = tmp_path_factory.mktemp("existing")
    shutil.copytree(SAMPLE, folder / "report")
    result = run_narrator(["build", "config.yaml", "-o", OUT], folder / "report")
    assert result.returncode == 0, result.stderr
    return (folder / "report" / OUT).read_bytes()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_a_located_error(case: Case, folder: Path, existing_report: bytes) -> None:
    argv = case.make(folder)
    (folder / OUT).write_bytes(existing_report)
    before = sorted(p.name for p in (folder / "out").iterdir())
    result = run_narrator(argv, folder)
    message = result.stderr
    assert result.returncode == case.code, message
    if case.code == 0:  # damage narrator tolerates: the report is written
        assert (folder / OUT).exists() and "Traceback" not in message
        return
    assert "internal error" not in message and "Traceback" not in message, message
    assert "error" in message.lower(), message
    for text in case.says:
        assert text.lower() in message.lower(), f"{text!r} not in {message!r}"
    assert sorted(p.name for p in (folder / "out").iterdir()) == before
    assert (folder / OUT).read_bytes() == existing_report


# --- operating-system failures, simulated in this process ---------------------------------------
# (the tests run as any user, root included, so a full disk or a folder this process may not
# write is made by failing the system call narrator makes)


def _oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _build(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from tests.conftest import run_cli

    code, _, err = run_cli(["build", str(folder / "config.yaml"), "-o", str(folder / OUT)], capsys)
    return code, err


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "quota"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EIO, "I/O error"),
    ],
)
def test_a_failing_write_leaves_the_old_report_and_no_temporary_file(
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    says: str,
) -> None:
    from narrator import atomic

    first, _ = _build(folder, capsys)
    assert first == 0
    before = (folder / OUT).read_bytes()

    def fail(fd: int) -> None:
        raise _oserror(code)

    monkeypatch.setattr(atomic.os, "fsync", fail)
    exit_code, err = _build(folder, capsys)
    assert exit_code == 2, err
    assert err.startswith("error: ") and "internal error" not in err
    assert str(folder / OUT) in err and says in err
    assert (folder / OUT).read_bytes() == before
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["report.docx"]


def test_a_folder_that_cannot_be_written_is_refused_before_the_build(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrator import pipeline

    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: Path(path) != folder / "out" and real_access(path, mode)
    )
    monkeypatch.setattr(pipeline, "prepare", lambda *a, **k: pytest.fail("built anyway"))
    code, err = _build(folder, capsys)
    assert code == 2
    assert "permission denied for the folder" in err and str(folder / "out") in err
    assert list((folder / "out").iterdir()) == []


def test_a_folder_that_cannot_be_made_is_an_output_error(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import run_cli

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise _oserror(errno.EACCES)

    monkeypatch.setattr(Path, "mkdir", refuse)
    out = folder / "new" / "report.docx"
    code, _, err = run_cli(["build", str(folder / "config.yaml"), "-o", str(out)], capsys)
    assert code == 2
    assert f"{out}: cannot write the report: permission denied" in err
    assert not (folder / "new").exists()


@pytest.mark.parametrize("file", ["dashboard-q1-2024-25.csv", "catalogue.yaml", "spotlight.md"])
def test_an_unreadable_input_names_the_file(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, file: str
) -> None:
    import builtins

    from narrator import limits

    real_open = builtins.open

    def guarded(path: object, *args: object, **kwargs: object) -> object:
        if Path(str(path)).name == file:
            raise _oserror(errno.EACCES)
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(limits, "open", guarded, raising=False)
    code, err = _build(folder, capsys)
    assert code == 2, err
    assert file in err and "permission denied" in err and "internal error" not in err
    assert list((folder / "out").iterdir()) == []


# --- build-all: a worker that dies -------------------------------------------------------------

_REAL_BUILD_ONE = _batch.build_one


def dying_build_one(task: _batch.Task) -> _batch.Result:
    """build_one, except that the process building "doomed" is killed (as the kernel's
    out-of-memory killer would) half-way through writing it."""
    if task.name == "doomed.yaml":
        import signal

        task.output.parent.mkdir(parents=True, exist_ok=True)
        (task.output.parent / f".{task.output.name}.x.tmp").write_bytes(b"PK half")
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_BUILD_ONE(task)


def test_build_all_survives_a_worker_that_dies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import run_cli

    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    names = ["first", "doomed", "third", "fourth", "fifth"]
    config = (tmp_path / "config.yaml").read_text(encoding="utf-8")
    for name in names:
        (tmp_path / f"{name}.yaml").write_text(config, encoding="utf-8")
    monkeypatch.setattr(_batch, "build_one", dying_build_one)
    out = tmp_path / "out"
    argv = ["build-all", *(str(tmp_path / f"{n}.yaml") for n in names), "-o", str(out), "-j", "2"]
    code, stdout, stderr = run_cli(argv, capsys)
    assert code == 2
    assert sorted(p.name for p in out.iterdir()) == [
        "fifth.docx",
        "first.docx",
        "fourth.docx",
        "third.docx",
    ]
    assert "Built 4 of 5 reports" in stdout
    assert "doomed.yaml: the process building this report stopped" in stderr
    assert "out of memory" in stderr and "Traceback" not in stderr


# --- the YAML reader's bounds, in this process ----------------------------------------------------


def test_yaml_an_honest_file_with_many_aliases_loads() -> None:
    from narrator.yamltext import load_yaml

    entries = "".join(f"  - {{<<: *defaults, name: Indicator {i}}}\n" for i in range(2000))
    data = load_yaml(
        f"defaults: &defaults {{unit: percentage, decimals: 1}}\nindicators:\n{entries}"
    )
    assert len(data["indicators"]) == 2000
    assert data["indicators"][1999] == {
        "unit": "percentage",
        "decimals": 1,
        "name": "Indicator 1999",
    }


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (BOMB, "expand to more than 100,000 values"),
        ("a: " + "[" * 60 + "]" * 60, "more than 50 levels"),
        ("a: &a [*a]", "refers to the value that contains it"),
        ("? [a]\n: 1\n~: 2", "an empty key"),
        ("a: 1\nnull: 2", "an empty key"),
    ],
)
def test_yaml_beyond_a_bound_is_refused_with_its_line(text: str, says: str) -> None:
    from narrator.yamltext import YamlRefused, load_yaml

    with pytest.raises(YamlRefused, match=says) as info:
        load_yaml(text)
    assert info.value.problem_mark.line >= 0


# --- a failure after the guard: no backup is left behind ------------------------------------------


def test_regenerating_in_place_from_a_damaged_report_leaves_it_and_no_backup(
    folder: Path, existing_report: bytes
) -> None:
    damaged = _replace_part("word/document.xml", lambda p: p[: len(p) // 2])(existing_report)
    (folder / OUT).write_bytes(damaged)
    result = run_narrator(["build", "config.yaml", "--previous", OUT, "-o", OUT], folder)
    assert result.returncode == 2, result.stderr
    assert "document.xml is not well-formed XML" in result.stderr
    assert (folder / OUT).read_bytes() == damaged
    assert [p.name for p in (folder / "out").iterdir()] == ["report.docx"]


def test_a_forced_build_with_a_broken_template_leaves_the_report_and_no_backup(
    folder: Path, existing_report: bytes
) -> None:
    (folder / OUT).write_bytes(existing_report)
    (folder / "house.docx").write_bytes(b"not a template")
    argv = ["build", "config.yaml", "--template", "house.docx", "-o", OUT, "--force"]
    result = run_narrator(argv, folder)
    assert result.returncode == 2, result.stderr
    assert "house.docx" in result.stderr
    assert (folder / OUT).read_bytes() == existing_report
    assert [p.name for p in (folder / "out").iterdir()] == ["report.docx"]


def test_running_out_of_memory_is_a_message_not_a_bug_report(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrator import pipeline

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(pipeline, "prepare", exhausted)
    code, err = _build(folder, capsys)
    assert code == 2
    assert err.startswith("error: ran out of memory") and "internal error" not in err
    assert list((folder / "out").iterdir()) == []
