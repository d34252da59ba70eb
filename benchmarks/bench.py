"""Whole-process timings and peak memory of policygen, as a user runs it.

    python benchmarks/bench.py [--repeat N] [--stores N] [--quick]

Every figure is the median wall time of separate processes. Peak memory is the largest
resident set of any process a measurement started (the CLI and its build workers).
Targets (2 cores): --help <= 0.15 s; md+html <= 0.3 s (printed beside the bare start-up
of the libraries it uses); full build <= 1.15x the bare WeasyPrint render; --jobs 2 >=
1.8x faster than --jobs 1; peak <= 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "tonerrefillkits.yaml"

# Runs one command and reports its wall time and the peak RSS of everything it started.
# The wrapper's own memory is not counted: RUSAGE_CHILDREN only sees the command's tree.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr.decode())
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kb": peak}))
"""

# The floor: WeasyPrint alone rendering exactly what policygen gives it (the page with the
# print stylesheet linked, PDF/UA), with none of policygen's code loaded.
_BARE_WEASYPRINT = """
import sys, weasyprint
page = weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2])
page.write_pdf(sys.argv[3], pdf_variant="pdf/ua-1", pdf_identifier=True)
"""


# What an md+html build cannot go below: starting Python and importing the libraries it
# is built on (click, PyYAML, pydantic, Jinja2, markdown-it-py), with none of our code.
_LIBRARY_START_UP = (
    "import click, yaml, jinja2.sandbox, markdown_it\nfrom pydantic import BaseModel"
)


@dataclass
class Figure:
    name: str
    seconds: float
    peak_mb: float


def policygen() -> list[str]:
    script = Path(sys.executable).with_name("policygen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator"]


def measure(name: str, command: list[str], repeat: int) -> Figure:
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"{name} failed: {done.stderr.strip()}")
        runs.append(json.loads(done.stdout))
    seconds = statistics.median(run["seconds"] for run in runs)
    peak_mb = max(run["peak_kb"] for run in runs) / 1024
    return Figure(name, seconds, peak_mb)


def floor_input(work: Path) -> list[str]:
    """The exact HTML policygen hands WeasyPrint, its base URL, and where to write."""
    from generator.render.pdf import asset_base_url, with_print_stylesheet

    built = work / EXAMPLE.stem / "privacy-policy.html"
    page = work / "floor.html"
    page.write_text(with_print_stylesheet(built.read_text(encoding="utf-8")), encoding="utf-8")
    return [str(page), asset_base_url(), str(work / "floor.pdf")]


def make_batch(folder: Path, count: int) -> list[str]:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    files = []
    for index in range(count):
        target = folder / f"store-{index:03d}.yaml"
        shutil.copy(examples[index % len(examples)], target)
        files.append(str(target))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per single-file figure")
    parser.add_argument("--stores", type=int, default=200, help="files in the batch figures")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="only --help, md+html and the library start-up (no PDF, no batch)",
    )
    args = parser.parse_args()
    cli = policygen()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="policygen-bench-") as tmp:
        work = Path(tmp)
        one = [*cli, "build", str(EXAMPLE), "--out", tmp]
        figures.append(measure("policygen --help", [*cli, "--help"], args.repeat))
        figures.append(measure("build md+html", [*one, "--format", "md,html"], args.repeat))
        start_up = [sys.executable, "-c", _LIBRARY_START_UP]
        figures.append(measure("library start-up (md+html floor)", start_up, args.repeat))
        if args.quick:
            report(figures)
            return
        figures.append(measure("build md+html+pdf", one, args.repeat))
        figures.append(measure("build md+html+pdf --jobs 1", [*one, "--jobs", "1"], args.repeat))
        bare = [sys.executable, "-c", _BARE_WEASYPRINT, *floor_input(work)]
        figures.append(measure("bare WeasyPrint render (floor)", bare, args.repeat))
        batch_dir = work / "batch"
        batch_dir.mkdir()
        batch = make_batch(batch_dir, args.stores)
        for jobs in (1, 2):
            command = [*cli, "build", *batch, "--jobs", str(jobs), "--out", str(work / "out")]
            figures.append(measure(f"batch of {args.stores}, --jobs {jobs}", command, 1))
    report(figures)


def report(figures: list[Figure]) -> None:
    by_name = {f.name: f for f in figures}
    print(f"{'measurement':<36} {'median s':>9} {'peak MB':>8}")
    for figure in figures:
        print(f"{figure.name:<36} {figure.seconds:>9.3f} {figure.peak_mb:>8.1f}")
    quick = by_name["build md+html"].seconds
    libraries = by_name["library start-up (md+html floor)"].seconds
    peak = max(f.peak_mb for f in figures)
    print()
    print(
        f"md+html build:      {quick:.3f} s (target <= 0.3 s), {libraries:.3f} s of it library start-up"
    )
    if "bare WeasyPrint render (floor)" in by_name:
        full = by_name["build md+html+pdf"].seconds
        floor = by_name["bare WeasyPrint render (floor)"].seconds
        batch = [f for f in figures if f.name.startswith("batch")]
        speedup = batch[0].seconds / batch[1].seconds
        print(f"full build / floor: {full / floor:.2f}x (target <= 1.15x)")
        print(f"--jobs 2 speed-up:  {speedup:.2f}x (target >= 1.8x)")
    print(f"peak memory:        {peak:.1f} MB (target <= 200 MB)")
    print(f"cores: {os.cpu_count()}, load average after: {os.getloadavg()}")
    if _compiled_on_every_run():
        print(
            "note: PYTHONDONTWRITEBYTECODE is set and policygen's modules have no compiled "
            "bytecode, so every run above compiled them from source (60-80 ms of md+html on "
            "2 cores); pip compiles an installed policygen, and `python -m compileall "
            "generator` does the same for this checkout"
        )


def _compiled_on_every_run() -> bool:
    """Whether the measured processes compile our modules from source each time."""
    import importlib.util

    cached = importlib.util.cache_from_source(str(ROOT / "generator" / "cli.py"))
    return bool(os.environ.get("PYTHONDONTWRITEBYTECODE")) and not Path(cached).exists()


if __name__ == "__main__":
    main()
