"""The install users do: a wheel built from the source tree (as a clean clone has it), installed
into a fresh virtual environment, builds, checks and inits the sample from there.

An editable install (`make demo`, `make test`) reads the source tree, so a package left out of
the wheel goes unnoticed by every other test: `narrator.intake.layouts` once was, and `build`,
`check` and `init` stopped with "internal error: ImportError".

Offline-friendly: the wheel is built without isolation (setuptools and wheel are test
dependencies) and installed without its dependencies; the fresh environment finds them through
a .pth file naming the folders they are installed in here (a path in a .pth file does not run
the .pth files beside it, so an editable narrator there stays out of sight).
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE
from tests.helpers import QUERIED

# what a clean clone needs to build the wheel
_SOURCE = ("pyproject.toml", "setup.py", "README.md", "narrator", "phrasebook", "templates")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".narrator-cache")
# the modules of narrator's dependencies (pyproject.toml), to find where they are installed
_DEPENDENCIES = ("docx", "jinja2", "openpyxl", "babel", "yaml", "click", "PIL", "pandas", "pyarrow")


def _run(argv: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _wheel(tmp: Path) -> Path:
    """The wheel built from a copy of the source tree (no stale build/ folder to borrow from)."""
    source = tmp / "source"
    source.mkdir()
    for name in _SOURCE:
        if not (ROOT / name).exists():
            continue
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=_IGNORE)
        else:
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp / "wheels"
    argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    done = _run([*argv, "--quiet", "-w", str(wheels), str(source)], tmp)
    assert done.returncode == 0, done.stderr
    (wheel,) = wheels.glob("narrator-*.whl")
    return wheel


def _folder(module: str) -> str:
    """The folder a dependency's package is installed in."""
    return str(importlib.import_module(module).__path__[0])


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new environment with the wheel installed; returns its bin (Scripts) folder."""
    venv = tmp / "venv"
    done = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp)
    assert done.returncode == 0, done.stderr
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp)
    folders = sorted(
        {str(Path(importlib.import_module(m).__path__[0]).parent) for m in _DEPENDENCIES}
    )
    Path(site.stdout.strip(), "narrator-test-dependencies.pth").write_text(
        "\n".join(folders) + "\n", encoding="utf-8"
    )
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
    done = _run([*pip, "--no-index", "--quiet", str(wheel)], tmp)
    assert done.returncode == 0, done.stderr
    return scripts


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the fresh environment's scripts folder, the wheel)."""
    tmp = tmp_path_factory.mktemp("wheel")
    wheel = _wheel(tmp)
    return _fresh_venv(tmp, wheel), wheel


def it_ships_every_package_and_its_data_in_the_wheel(installed: tuple[Path, Path]) -> None:
    """Every package under narrator/ (found on disk, so a new one is checked too), the
    phrasebook and reference document, and the intake vocabulary."""
    names = set(zipfile.ZipFile(installed[1]).namelist())
    packages = [p.parent.relative_to(ROOT) for p in (ROOT / "narrator").rglob("__init__.py")]
    missing = [str(p) for p in packages if f"{p.as_posix()}/__init__.py" not in names]
    assert missing == []
    for data in (
        "narrator/phrasebook/en-GB.yaml",
        "narrator/templates/reference.docx",
        "narrator/intake/vocabulary.yaml",
        "narrator/py.typed",
    ):
        assert data in names


def it_builds_checks_and_inits_the_sample_from_the_installed_wheel(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    scripts = installed[0]
    narrator = str(scripts / ("narrator.exe" if os.name == "nt" else "narrator"))
    python = str(scripts / ("python.exe" if os.name == "nt" else "python"))
    where = _run([python, "-c", "import narrator; print(narrator.__file__)"], tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(scripts.parent), where.stdout
    sample = tmp_path / "sample"
    shutil.copytree(SAMPLE, sample, ignore=_IGNORE)

    built = _run([narrator, "build", str(sample / "config.yaml"), "-o", "report.docx"], tmp_path)
    assert built.returncode == 0, built.stderr
    assert "Wrote report.docx: 22 indicators" in built.stdout
    assert built.stdout.endswith(", 1 warning.\n")  # the sample's one query
    assert zipfile.ZipFile(tmp_path / "report.docx").testzip() is None

    # the sample as the department published it: its one query (exit 1: warnings only)
    checked = _run([narrator, "check", str(sample / "config.yaml")], tmp_path)
    assert checked.returncode == 1, checked.stderr
    lines = checked.stdout.splitlines()
    assert lines[0] == "Warnings (1):" and len(lines) == 2, checked.stdout
    assert f'(indicator "{QUERIED}"): the dashboard gives quartile 3, but' in lines[1]

    dashboard = str(sample / "dashboard-q1-2024-25.csv")
    made = _run([narrator, "init", dashboard, "--area", "Westfield", "-o", "first"], tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "first" / "config.yaml").is_file()
    assert (tmp_path / "first" / "catalogue.yaml").is_file()
    # the first config checks: only the TODO placeholders left to replace (exit 1: warnings)
    first = _run([narrator, "check", str(tmp_path / "first" / "config.yaml")], tmp_path)
    assert first.returncode == 1, first.stderr
    assert "placeholder" in first.stdout + first.stderr
    assert "internal error" not in first.stdout + first.stderr
