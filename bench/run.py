"""narrator's benchmark: start-up, the sample build, synthetic dashboards of 10 to 10,000
indicators against python-docx alone (time and peak memory), build-all of 150 copies of the
sample, and the ratios of bench/ratios.py (regeneration against a build, build-all's memory in
one process, the sample build's start-up against the previous commit's).

    .venv/bin/python bench/run.py            # the full run (a few minutes), prints the tables
    .venv/bin/python bench/run.py --quick    # 10 indicators, one repeat: a smoke run

Every figure is a separate, cold process (the way an officer runs narrator), timed with
time.perf_counter; peak memory is the process's maximum resident set size from os.wait4. Each
time is the median of the repeats shown. The floor is bench/floor.py: python-docx writing the
same paragraphs as the report (body paragraphs and every table cell's paragraph), with no
rules, template or styles; the ratio is build time over floor time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.ratios import NARRATOR, SAMPLE, ratios  # noqa: E402
from bench.synthetic import write_synthetic  # noqa: E402

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


FLOOR_LIMIT_S = 180.0
"""The longest the python-docx floor may run (it is quadratic: at 10,000 indicators it takes
more than six minutes); a floor stopped at the limit is reported as "> 180"."""


@dataclass(frozen=True)
class Run:
    """One process: wall time in seconds, peak resident memory in MB, exit status; `stopped`
    when it was stopped at its time limit (then `seconds` is the limit, a lower bound)."""

    seconds: float
    peak_mb: float
    status: int
    stopped: bool = False


def timed(
    argv: list[str],
    *,
    cwd: Path | None = None,
    limit: float | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run `argv` as a new process, output discarded, and measure it; stop it after `limit`
    seconds (None: no limit). `env`: variables added to this process's environment."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env} if env else None,
    )
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if limit is not None else 0)
        if pid:
            break
        if limit is not None and time.perf_counter() - start > limit:
            process.kill()
            stopped = True
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.01)
    seconds = limit if stopped and limit is not None else time.perf_counter() - start
    process.returncode = 0 if stopped else os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, stopped)


def median_run(
    argv: list[str],
    repeats: int,
    *,
    ok: tuple[int, ...] = (0,),
    limit: float | None = None,
    fresh: Path | None = None,
) -> Run:
    """The median time and the largest peak memory of `repeats` runs; stops on a failure, and
    after the first run stopped at `limit` (the rest would be too). `fresh`: a file removed
    before each run (untimed), so every repeat writes a new report; None: repeats write over
    the previous run's output, as an officer regenerating does (narrator then reads the old
    report first, to be sure nobody edited it)."""
    runs = []
    for _ in range(repeats):
        if fresh is not None:
            fresh.unlink(missing_ok=True)
        runs.append(timed(argv, limit=limit))
        if runs[-1].stopped:
            return runs[-1]
    for run in runs:
        if run.status not in ok:
            raise SystemExit(f"bench: {' '.join(argv)} exited {run.status}")
    return Run(
        statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs), runs[0].status
    )


def paragraphs(docx: Path) -> list[str]:
    """The text of every paragraph of a .docx body, tables' cells included, in order."""
    with zipfile.ZipFile(docx) as package, package.open("word/document.xml") as xml:
        texts = []
        for _, element in ElementTree.iterparse(xml):
            if element.tag == f"{_W}p":
                texts.append("".join(t.text or "" for t in element.iter(f"{_W}t")))
                element.clear()
    return texts


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def calibration() -> str:
    """The machine's speed now, as the median of five runs of a fixed pure-Python loop: the
    same machine (a shared virtual one) can run half as fast from one hour to the next, so the
    figures of two bench runs compare only beside this."""
    code = "import time\nt = time.process_time()\ns = 0\nfor i in range(10_000_000): s += i\n"
    code += "print(time.process_time() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
        for _ in range(5)
    ]
    return (
        f"Speed: a 10,000,000-step Python loop takes {statistics.median(runs):.2f} s (median of 5)"
    )


def bench_sizes(sizes: list[int], repeats: dict[int, int], work: Path) -> list[str]:
    """The size table (builds of a new report each time) and, after it, a line for the largest
    size built again over its own output."""
    notes: list[str] = []
    rows = [
        "| indicators | build (s) | peak memory (MB) | ms per indicator | python-docx floor (s) "
        "| build / floor | floor peak memory (MB) | peak / floor's peak |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        files = write_synthetic(work / f"n{size}", size)
        out = work / f"n{size}.docx"
        reps = repeats.get(size, 1)
        argv = [*NARRATOR, "build", str(files.config), "-o", str(out)]
        build = median_run(argv, reps, fresh=out)
        if size == max(sizes):
            again = timed(argv)  # over its own unedited output: the overwrite check reads it
            notes.append(
                f"{size:,} indicators built again over their own unedited report: "
                f"{again.seconds:.2f} s, {again.peak_mb:.0f} MB (one run)"
            )
        texts = work / f"n{size}.json"
        texts.write_text(json.dumps(paragraphs(out)), encoding="utf-8")
        # python-docx alone is quadratic (each add_paragraph scans the body for the section
        # properties): at 10,000 indicators one run takes minutes, so it runs once there, and
        # is stopped at FLOOR_LIMIT_S
        floor = median_run(
            [sys.executable, str(HERE / "floor.py"), str(texts), str(work / "floor.docx")],
            reps if size < 10_000 else 1,
            limit=FLOOR_LIMIT_S,
        )
        over = "> " if floor.stopped else ""
        under = "< " if floor.stopped else ""
        # a floor stopped at its limit had not reached its peak: its memory is a lower bound
        rows.append(
            f"| {size:,} | {build.seconds:.2f} | {build.peak_mb:.0f} | "
            f"{1000 * build.seconds / size:.2f} | {over}{floor.seconds:.2f} | "
            f"{under}{build.seconds / floor.seconds:.2f}x | {over}{floor.peak_mb:.0f} | "
            f"{under}{build.peak_mb / floor.peak_mb:.2f}x |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    return [*rows, "", *notes]


def bench_build_all(copies: int, work: Path) -> Run:
    folder = work / "copies"
    folder.mkdir()
    for item in SAMPLE.iterdir():
        if item.is_dir():
            shutil.copytree(item, folder / item.name)
        elif item.name != "config.yaml":
            shutil.copy(item, folder / item.name)
    config = (SAMPLE / "config.yaml").read_text(encoding="utf-8")
    for i in range(copies):
        (folder / f"copy-{i + 1:03d}.yaml").write_text(config, encoding="utf-8")
    configs = sorted(str(p) for p in folder.glob("copy-*.yaml"))
    return median_run([*NARRATOR, "build-all", *configs, "-o", str(work / "copies-out")], 1)


def _median(runs: list[Run]) -> Run:
    for run in runs:
        if run.status != 0:
            raise SystemExit(f"bench: a national-tables build exited {run.status}")
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs), 0)


def bench_national(work: Path, repeats: int, *, each: bool = True) -> list[str]:
    """The sample built with and without its national tables, in the same run: without (its
    config with the `national:` block removed), with the tables and an empty cache (cold: pandas
    reads the slice), and again with the tables unchanged (the benchmarks come from the cache);
    a report from the national tables alone; build-all of one report per local authority
    (`each`; False in a quick run)."""
    folder = work / "national"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".narrator-cache"))
    config = folder / "config.yaml"
    plain = folder / "plain.yaml"
    plain.write_text(config.read_text(encoding="utf-8").split("\nnational:")[0], "utf-8")
    out = work / "national.docx"

    def build(path: Path, cache: Path) -> Run:
        out.unlink(missing_ok=True)
        argv = [*NARRATOR, "build", str(path), "-o", str(out)]
        return timed(argv, env={"NARRATOR_CACHE": str(cache)})

    alone = ROOT / "samples" / "any-authority" / "config.yaml"
    build(config, work / "warm")
    # interleaved, one of each per round: this shared machine's load changes from minute to
    # minute, and each round's four builds meet the same load
    runs: dict[str, list[Run]] = {"without": [], "cold": [], "warm": [], "alone": []}
    for i in range(repeats):
        runs["without"].append(build(plain, work / "unused"))
        runs["cold"].append(build(config, work / f"cold-{i}"))
        runs["warm"].append(build(config, work / "warm"))
        runs["alone"].append(build(alone, work / f"alone-{i}"))
    without, cold, warm, only = (_median(runs[k]) for k in ("without", "cold", "warm", "alone"))
    ratios = {
        k: statistics.median(r.seconds / w.seconds for r, w in zip(v, runs["without"], strict=True))
        for k, v in runs.items()
    }
    rows = [
        f"| sample build (cold process, median of {repeats}, interleaved) | time (s) "
        "| peak memory (MB) | against the build without: ratio of the medians "
        "| median of the rounds' ratios |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, key, run in (
        ("without national tables", "without", without),
        ("with national tables, empty cache (cold)", "cold", cold),
        ("with national tables, unchanged (cache)", "warm", warm),
        ("from the national tables alone (no dashboard, cold)", "alone", only),
    ):
        rows.append(
            f"| {name} | {run.seconds:.3f} | {run.peak_mb:.0f} | "
            f"{run.seconds / without.seconds:.2f}x | {ratios[key]:.2f}x |"
        )
    if not each:
        return rows
    every = timed(
        [*NARRATOR, "build-all", str(alone), "--each-authority", "-o", str(work / "each")],
        env={"NARRATOR_CACHE": str(work / "each-cache")},
    )
    reports = len(list((work / "each").glob("*.docx")))
    if every.status != 0:
        raise SystemExit(f"bench: build-all --each-authority exited {every.status}")
    return [
        *rows,
        "",
        f"`narrator build-all --each-authority` (the national tables alone, one report per "
        f"local authority), -j {os.cpu_count()}: {reports} reports in {every.seconds:.1f} s "
        f"({1000 * every.seconds / max(reports, 1):.0f} ms per report)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 indicators, one repeat")
    parser.add_argument("--sizes", help="comma-separated sizes (default 10,100,1000,10000)")
    parser.add_argument("--copies", type=int, help="build-all copies of the sample (150)")
    parser.add_argument(
        "--national-only", action="store_true", help="start-up and the national tables only"
    )
    parser.add_argument(
        "--against", help="commit whose sample build start-up is compared (default: HEAD^)"
    )
    args = parser.parse_args(argv)
    sizes = [10] if args.quick else [10, 100, 1000, 10_000]
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    copies = args.copies or (3 if args.quick else 150)
    repeats = {} if args.quick else {10: 5, 100: 5, 1000: 3, 10_000: 3}
    startup_repeats = 1 if args.quick else 10
    sample = str(SAMPLE / "config.yaml")
    lines = [f"Machine: {machine()}", calibration(), ""]
    with tempfile.TemporaryDirectory(prefix="narrator-bench-") as temp:
        work = Path(temp)
        # computed benchmarks go to the bench's own folder, not .narrator-cache in the sample
        os.environ["NARRATOR_CACHE"] = str(work / "cache")
        help_run = median_run([*NARRATOR, "--help"], startup_repeats)
        # exit 1: the sample's one query (warnings only; national/SOURCE.md)
        check = median_run([*NARRATOR, "check", sample], startup_repeats, ok=(0, 1))
        build = median_run(
            [*NARRATOR, "build", sample, "-o", str(work / "sample.docx")], startup_repeats
        )
        lines += [
            "| command (cold process, median) | time (s) | peak memory (MB) |",
            "|---|---:|---:|",
            f"| `narrator --help` | {help_run.seconds:.3f} | {help_run.peak_mb:.0f} |",
            f"| `narrator check` sample | {check.seconds:.3f} | {check.peak_mb:.0f} |",
            f"| `narrator build` sample | {build.seconds:.3f} | {build.peak_mb:.0f} |",
        ]
        print("\n".join(lines), file=sys.stderr, flush=True)
        lines += ["", *bench_national(work, 1 if args.quick else 7, each=not args.quick), ""]
        print("\n".join(lines[-8:]), file=sys.stderr, flush=True)
        if args.national_only:
            print("\n".join(lines))
            return 0
        lines += ["", *bench_sizes(sizes, repeats, work), ""]
        many = bench_build_all(copies, work)
        lines.append(
            f"`narrator build-all` of {copies} copies of the sample, -j {os.cpu_count()}: "
            f"{many.seconds:.1f} s ({1000 * many.seconds / copies:.0f} ms per report)"
        )
        lines += ["", *ratios(args.against, quick=args.quick)]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
