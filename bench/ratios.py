"""The bench's ratios for issue 24, each measured against its reference in the same run:

- regenerating a 1,000-indicator report with `--previous` after a three-value correction,
  against a plain build of the corrected data (interleaved, median of the rounds);
- `build-all -j 1`'s peak memory: one report per local authority, and 150 copies of the sample;
- the sample build's start-up cost against another commit's (default: the previous one), that
  commit's narrator unpacked with `git archive` and run by the same Python, interleaved, both
  sides' modules compiled to bytecode first (as installing a wheel does), caches warm.

The 10,000-indicator build against the floor's memory is a column of the size table
(bench/run.py). Run alone with `python bench/ratios.py [--against REF] [--quick]`.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synthetic import write_synthetic  # noqa: E402

SAMPLE = ROOT / "samples" / "leicestershire-cfs"
NARRATOR = [sys.executable, "-m", "narrator"]


def _process(
    argv: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Run `argv`, output discarded: (wall seconds, CPU seconds, peak MiB). Stops the bench
    when it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env} if env else None,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(argv)} exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def correct_three(dashboard: Path) -> None:
    """Change three latest values of a synthetic dashboard, in place (a data correction)."""
    with dashboard.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    changed = 0
    for row in rows[1 :: max(1, len(rows) // 4)]:
        if changed < 3 and row[8].endswith("%"):
            row[8] = f"{float(row[8][:-1]) / 2:.1f}%"
            changed += 1
    with dashboard.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


def regenerate_ratio(work: Path, size: int, rounds: int) -> list[str]:
    """Regenerating after a three-value correction against a plain build of the same data."""
    files = write_synthetic(work / f"regen-{size}", size)
    first = work / f"regen-{size}-first.docx"
    _process([*NARRATOR, "build", str(files.config), "-o", str(first)])
    correct_three(files.dashboard)
    plain, again = work / "regen-plain.docx", work / "regen-again.docx"
    builds, regens = [], []
    for _ in range(rounds):
        plain.unlink(missing_ok=True)
        again.unlink(missing_ok=True)
        builds.append(_process([*NARRATOR, "build", str(files.config), "-o", str(plain)])[0])
        argv = [*NARRATOR, "build", str(files.config), "--previous", str(first), "-o", str(again)]
        regens.append(_process(argv)[0])
    ratio = statistics.median(r / b for r, b in zip(regens, builds, strict=True))
    return [
        f"Regenerating {size:,} indicators with --previous after a three-value correction: "
        f"{statistics.median(regens):.2f} s against {statistics.median(builds):.2f} s for a "
        f"plain build (median of {rounds}, interleaved): **{ratio:.2f}x** (target <= 1.5x)"
    ]


def build_all_memory(work: Path, copies: int, *, each: bool) -> list[str]:
    """Peak memory of one `build-all -j 1` process: 150 copies of the sample, and one report
    per local authority of the national tables (`each`)."""
    folder = work / "mem-copies"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".narrator-cache", "*.yaml"))
    for item in SAMPLE.glob("*.yaml"):
        if item.name != "config.yaml":
            shutil.copy(item, folder / item.name)
    config = (SAMPLE / "config.yaml").read_text(encoding="utf-8")
    configs = []
    for i in range(copies):
        configs.append(folder / f"copy-{i + 1:03d}.yaml")
        configs[-1].write_text(config, encoding="utf-8")
    env = {"NARRATOR_CACHE": str(work / "mem-cache")}
    argv = [*NARRATOR, "build-all", *map(str, configs), "-j", "1", "-o", str(work / "mem-out")]
    wall, _, peak = _process(argv, env=env)
    lines = [
        f"`build-all -j 1` of {copies} copies of the sample: peak **{peak:.0f} MiB** "
        f"(target < 300), {wall:.1f} s"
    ]
    if each:
        alone = ROOT / "samples" / "any-authority" / "config.yaml"
        argv = [*NARRATOR, "build-all", str(alone), "--each-authority", "-j", "1"]
        wall, _, peak = _process([*argv, "-o", str(work / "mem-each")], env=env)
        lines.append(
            f"`build-all --each-authority -j 1`: peak **{peak:.0f} MiB** (target < 300), "
            f"{wall:.1f} s"
        )
    return lines


def unpack(ref: str, into: Path) -> Path:
    """Commit `ref`'s narrator, runnable from `into` (phrasebook/ and templates/ linked into
    the package, as the installed package maps them)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref], capture_output=True, check=True
    ).stdout
    into.mkdir(parents=True)
    with tempfile.TemporaryFile() as stream:
        stream.write(archive)
        stream.seek(0)
        with tarfile.open(fileobj=stream) as tar:
            tar.extractall(into, filter="data")
    for name in ("phrasebook", "templates"):
        if not (into / "narrator" / name).exists():
            (into / "narrator" / name).symlink_to(into / name)
    return into


def compiled(tree: Path) -> None:
    """Compile the narrator package under `tree` to bytecode (its __pycache__ folders), as pip
    does when it installs a wheel: otherwise a run started with PYTHONDONTWRITEBYTECODE (as
    some shells are) compiles every module from source each time, on both sides of a
    comparison, and measures Python's compiler rather than narrator."""
    argv = [sys.executable, "-m", "compileall", "-q", str(tree / "narrator")]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


def startup_against(work: Path, ref: str, rounds: int) -> list[str]:
    """The sample build here and at commit `ref`, one of each per round, interleaved, caches
    warm (each its own, filled by a first round), both sides' bytecode compiled, output to a
    new file each time: wall and CPU time."""
    other = unpack(ref, work / "against")
    for tree in (ROOT, other):
        compiled(tree)
    load_before = os.getloadavg()[0]
    sample = str(SAMPLE / "config.yaml")
    sides = {
        "this": (ROOT, {"NARRATOR_CACHE": str(work / "su-this")}),
        ref: (other, {"NARRATOR_CACHE": str(work / "su-other"), "PYTHONPATH": str(other)}),
    }
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sides}
    out = work / "su.docx"
    for round_ in range(rounds + 1):
        for name, (cwd, env) in sides.items():
            out.unlink(missing_ok=True)
            run = _process([*NARRATOR, "build", sample, "-o", str(out)], cwd=cwd, env=env)
            if round_:  # the first round warms the caches
                runs[name].append(run)
    this, that = runs["this"], runs[ref]
    lines = [
        f"Sample build start-up against {ref}: both sides' narrator compiled to bytecode "
        "(compileall, as a wheel's install does), the same Python and libraries, caches warm "
        f"(each side its own), a new process and output file each time; load average "
        f"{load_before:.1f} before the rounds, {os.getloadavg()[0]:.1f} after.",
        "",
        f"| sample build (cold process, median of {rounds}, interleaved) | wall (s) | CPU (s) "
        "| peak memory (MiB) |",
        "|---|---:|---:|---:|",
    ]
    for name, got in ((f"at {ref}", that), ("this commit", this)):
        wall, cpu = statistics.median(r[0] for r in got), statistics.median(r[1] for r in got)
        lines.append(f"| {name} | {wall:.3f} | {cpu:.3f} | {max(r[2] for r in got):.0f} |")
    saved_wall = statistics.median(o[0] - t[0] for o, t in zip(that, this, strict=True))
    saved_cpu = statistics.median(o[1] - t[1] for o, t in zip(that, this, strict=True))
    lines += [
        "",
        f"Start-up saved against {ref} (median of the rounds' differences): "
        f"**{saved_wall:.3f} s** wall, **{saved_cpu:.3f} s** CPU (target >= 0.2 s)",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", help="commit to compare start-up with (default: HEAD^)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one round")
    args = parser.parse_args(argv)
    print("\n".join(ratios(args.against, quick=args.quick)))
    return 0


def ratios(against: str | None, *, quick: bool) -> list[str]:
    """Every ratio above, as lines of the bench's report. The start-up comparison is left out
    of a quick run unless `against` names a commit (None: HEAD^ in a full run)."""
    before = os.environ.get("NARRATOR_CACHE")
    with tempfile.TemporaryDirectory(prefix="narrator-ratios-") as temp:
        work = Path(temp)
        os.environ["NARRATOR_CACHE"] = str(work / "cache")
        try:
            lines = regenerate_ratio(work, 50 if quick else 1000, 1 if quick else 3)
            lines += build_all_memory(work, 3 if quick else 150, each=not quick)
            if against is not None or not quick:
                lines += ["", *_startup(work, against or "HEAD^", 1 if quick else 7)]
        finally:
            if before is None:
                os.environ.pop("NARRATOR_CACHE", None)
            else:
                os.environ["NARRATOR_CACHE"] = before
    return lines


def _startup(work: Path, against: str, rounds: int) -> list[str]:
    try:
        return startup_against(work, against, rounds)
    except subprocess.CalledProcessError as exc:  # no git, or no such commit (a shallow clone)
        reason = exc.stderr.decode("utf-8", "replace").strip() if exc.stderr else str(exc)
        return [f"Start-up against {against}: not measured ({reason})"]


if __name__ == "__main__":
    raise SystemExit(main())
