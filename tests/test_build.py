"""`policygen build`: outputs, exit codes, batches with bad files, atomic writes, determinism."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import build
from generator.build import BuildOptions, build_file, build_many, parse_formats
from generator.cli import main
from generator.errors import PolicygenError, UsageError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tonerrefillkits.yaml"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def bad_copy(folder: Path, name: str = "bad.yaml") -> tuple[Path, int]:
    """The example with a word where a number belongs; returns the file and that line."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.strip().startswith("employees:"))
    lines[line] = lines[line].split(":")[0] + ": twelve\n"
    path = folder / name
    path.write_text("".join(lines), encoding="utf-8")
    return path, line + 1


def test_writes_each_format_into_out_and_the_file_stem(tmp_path: Path) -> None:
    code, out, err = run(EXAMPLE, "--format", "md,html", "--out", tmp_path)
    assert (code, err) == (0, "")
    folder = tmp_path / "tonerrefillkits"
    assert sorted(p.name for p in folder.iterdir()) == ["privacy-policy.html", "privacy-policy.md"]
    assert (folder / "privacy-policy.md").read_text(encoding="utf-8").startswith("# Privacy Policy")
    assert (
        (folder / "privacy-policy.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    )
    assert str(folder) in out


def test_default_is_every_format_into_output_of_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(EXAMPLE)
    assert (code, err) == (0, "")
    folder = tmp_path / "output" / "tonerrefillkits"
    assert sorted(p.name for p in folder.iterdir()) == [
        "privacy-policy.html",
        "privacy-policy.md",
        "privacy-policy.pdf",
    ]
    assert (folder / "privacy-policy.pdf").read_bytes().startswith(b"%PDF-")
    assert not list(folder.glob(".*.tmp")), "no temporary files are left behind"


def test_one_bad_file_is_reported_and_the_others_still_build(tmp_path: Path) -> None:
    bad, line = bad_copy(tmp_path)
    good = tmp_path / "good.yaml"
    shutil.copy(EXAMPLE, good)
    code, _, err = run(bad, good, "--format", "md", "--out", tmp_path / "out", "--jobs", "2")
    assert code == 2
    assert f"{bad}:{line}: business.employees: " in err
    assert "1 of 2 files failed to build" in err
    assert (tmp_path / "out" / "good" / "privacy-policy.md").is_file()
    assert not (tmp_path / "out" / "bad").exists()


def test_missing_file_fails_with_its_name(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "nope.yaml", "--out", tmp_path)
    assert code != 0
    assert "nope.yaml" in err
    assert "Traceback" not in err


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(EXAMPLE, "--format", "md,docx", "--out", tmp_path)
    assert code == 2
    assert "unknown format docx" in err


def test_files_that_would_share_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    other = tmp_path / "a" / EXAMPLE.name
    shutil.copy(EXAMPLE, other)
    code, _, err = run(EXAMPLE, other, "--out", tmp_path / "out")
    assert code == 2
    assert "rename one of them" in err
    assert not (tmp_path / "out").exists()


def test_fragment_writes_the_body_alone(tmp_path: Path) -> None:
    code, _, _ = run(EXAMPLE, "--format", "html", "--fragment", "--out", tmp_path)
    assert code == 0
    html = (tmp_path / "tonerrefillkits" / "privacy-policy.html").read_text(encoding="utf-8")
    assert html.startswith('<div class="privacy-policy" lang="en">')
    assert "<head>" not in html


def test_template_error_keeps_the_earlier_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(EXAMPLE, "--format", "md,html", "--out", out)[0] == 0
    before = {p.name: p.read_bytes() for p in (out / "tonerrefillkits").iterdir()}
    broken = tmp_path / "templates" / "clauses"
    broken.mkdir(parents=True)
    (broken / "security.md.j2").write_text("## Security\n\n{{ p.no_such_field }}\n")
    code, _, err = run(EXAMPLE, "--format", "md,html", "--out", out, "--templates", broken.parent)
    assert code == 3
    assert "security.md.j2" in err
    after = {p.name: p.read_bytes() for p in (out / "tonerrefillkits").iterdir()}
    assert after == before


def test_a_failed_pdf_writes_no_format_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tonerrefillkits"
    folder.mkdir()
    (folder / "privacy-policy.md").write_text("earlier build")

    def failing_pdf(*_: object, **_kwargs: object) -> bytes:
        raise PolicygenError("PDF rendering failed: out of paper")

    monkeypatch.setattr("generator.render.pdf.render_pdf", failing_pdf)
    result = build_file(EXAMPLE, BuildOptions(out=tmp_path))
    assert not result.ok
    assert result.errors == (f"{EXAMPLE}: PDF rendering failed: out of paper",)
    assert (folder / "privacy-policy.md").read_text() == "earlier build"
    assert sorted(p.name for p in folder.iterdir()) == ["privacy-policy.md"]


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    # In this process, and with the PDF rendered in a helper process (the default on 2+ cores).
    assert run(EXAMPLE, "--out", tmp_path / "one", "--jobs", "1")[0] == 0
    assert run(EXAMPLE, "--out", tmp_path / "two", "--jobs", "2")[0] == 0
    for fmt in ("md", "html", "pdf"):
        first = (tmp_path / "one" / "tonerrefillkits" / f"privacy-policy.{fmt}").read_bytes()
        second = (tmp_path / "two" / "tonerrefillkits" / f"privacy-policy.{fmt}").read_bytes()
        assert first == second, fmt


def test_parallel_and_serial_batches_give_the_same_files(tmp_path: Path) -> None:
    files = []
    for index in range(3):
        files.append(tmp_path / f"store{index}.yaml")
        shutil.copy(EXAMPLE, files[-1])
    serial = build.build_many(files, BuildOptions(formats=("md", "html"), out=tmp_path / "s"), 1)
    parallel = build.build_many(files, BuildOptions(formats=("md", "html"), out=tmp_path / "p"), 2)
    assert [r.source for r in parallel] == files, "results come back in the given order"
    assert all(r.ok for r in serial + parallel)
    for file in files:
        for fmt in ("md", "html"):
            name = f"{file.stem}/privacy-policy.{fmt}"
            assert (tmp_path / "s" / name).read_bytes() == (tmp_path / "p" / name).read_bytes()


def test_parse_formats_orders_and_rejects() -> None:
    assert parse_formats("pdf, md") == ("md", "pdf")
    with pytest.raises(UsageError):
        parse_formats(",")


def _modules_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_imports_no_heavy_dependency() -> None:
    code = (
        "from generator.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    main(['build', '--help'])\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(code)
    assert "generator.cli" in loaded
    assert not {"pydantic", "jinja2", "weasyprint", "markdown_it", "rich"} & loaded


def test_a_short_build_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    code = (
        "from generator.build import BuildOptions, build_many\n"
        f"from pathlib import Path\n"
        f"r = build_many([Path({str(EXAMPLE)!r})], "
        f"BuildOptions(formats=('md', 'html'), out=Path({str(tmp_path)!r})), 1)\n"
        "assert r[0].ok, r"
    )
    loaded = _modules_after(code)
    assert "generator.compose" in loaded
    # Each of these would cost a short build 20 ms or more, and a plain store needs none.
    heavy = {"weasyprint", "ruamel", "pydantic.networks", "email_validator"}
    assert not heavy & loaded


def test_annotate_and_templates_reach_compose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.compose

    calls: list[tuple[Path | None, bool]] = []
    real = generator.compose.render_policy

    def recording(
        profile: Any, templates_dir: Path | None = None, *, annotate: bool = False
    ) -> Any:
        calls.append((templates_dir, annotate))
        return real(profile, templates_dir, annotate=annotate)

    monkeypatch.setattr(generator.compose, "render_policy", recording)
    options = BuildOptions(formats=("md",), out=tmp_path, templates=tmp_path, annotate=True)
    assert build_file(EXAMPLE, options).ok
    assert calls == [(tmp_path, True)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for file in files:
        shutil.copy(EXAMPLE, file)
    options = BuildOptions(formats=("md",), out=tmp_path / "out")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    results = build._build_with_progress(files, options, 1)
    assert [r.ok for r in results] == [True, True]
    assert "Building" in terminal.getvalue()
    redirected = io.StringIO()
    monkeypatch.setattr(sys, "stderr", redirected)
    build._build_with_progress(files, options, 1)
    assert redirected.getvalue() == ""


def test_a_batch_collects_garbage_at_the_usual_pace(tmp_path: Path) -> None:
    """cli.entry() slows the collector for start-up; many builds in a row must not keep it."""
    import gc

    from generator.build import USUAL_GC_THRESHOLD

    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 10, 10)
    try:
        copies = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
        for copy in copies:
            copy.write_bytes(EXAMPLE.read_bytes())
        results = build_many(copies, BuildOptions(formats=("md",), out=tmp_path / "out"), jobs=1)
        assert all(r.ok for r in results)
        assert gc.get_threshold() == USUAL_GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


@pytest.mark.parametrize("jobs", ["1", "2"])  # in-process, and through the PDF helper
def test_a_users_page_stylesheets_reach_the_html_and_the_pdf(tmp_path: Path, jobs: str) -> None:
    templates = tmp_path / "templates"
    (templates / "html").mkdir(parents=True)
    (templates / "pdf").mkdir()
    (templates / "html" / "policy.css").write_text("main { color: #0b5394 }\n")
    (templates / "pdf" / "print.css").write_text("@page { size: A5 }\n")
    code, _, stderr = run(EXAMPLE, "--out", tmp_path / "out", "--templates", templates, "-j", jobs)
    assert code == 0, stderr
    folder = tmp_path / "out" / EXAMPLE.stem
    assert "main { color: #0b5394 }" in (folder / "privacy-policy.html").read_text()
    reader = PdfReader(io.BytesIO((folder / "privacy-policy.pdf").read_bytes()))
    assert round(float(reader.pages[0].mediabox.upper_right[0])) == 420  # A5


# ---- the publishing helper (a single file with HTML or PDF, on 2+ cores) ---------------


@pytest.mark.parametrize(
    ("loadavg", "idle"),
    [
        ("0.20 0.31 0.35 1/120 4242\n", True),  # this build alone
        ("1.71 1.80 1.92 2/120 4242\n", False),  # another program on the other core
        ("1.71 1.80 1.92 3/120 4242\n", False),
        ("not a load average\n", True),  # unreadable: as if no one else ran
    ],
)
def test_a_helper_is_forked_only_when_a_core_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loadavg: str, idle: bool
) -> None:
    fake = tmp_path / "loadavg"
    fake.write_text(loadavg)
    monkeypatch.setattr(build, "LOADAVG", fake)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert build._idle_core() is idle
    forked: list[BuildOptions] = []

    class Helper(build.PublishingHelper):
        def __init__(self, options: BuildOptions) -> None:
            forked.append(options)
            super().__init__(options)

    monkeypatch.setattr(build, "PublishingHelper", Helper)
    options = BuildOptions(formats=("md", "html"), out=tmp_path / "out")
    (result,) = build_many([EXAMPLE], options, jobs=2)
    assert result.ok
    assert bool(forked) is idle


def test_a_pdf_is_published_by_a_helper_even_when_no_core_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy = tmp_path / "loadavg"
    busy.write_text("1.71 1.80 1.92 2/120 4242\n")
    monkeypatch.setattr(build, "LOADAVG", busy)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert build._helper_pays(BuildOptions(formats=("md", "html", "pdf")))
    assert not build._helper_pays(BuildOptions(formats=("md", "html")))


def test_no_load_average_means_a_free_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "LOADAVG", tmp_path / "missing")
    assert build._idle_core()


def test_the_helper_publishes_what_this_process_would(tmp_path: Path) -> None:
    options = BuildOptions(formats=("md", "html"), out=tmp_path)
    helper = build.PublishingHelper(options)
    try:
        result = build_file(EXAMPLE, options, helper.publish)
    finally:
        helper.close()
    assert result.ok
    alone = build_file(EXAMPLE, options._replace(out=tmp_path / "alone"))
    assert alone.ok
    for name in ("privacy-policy.md", "privacy-policy.html"):
        helped = (tmp_path / EXAMPLE.stem / name).read_bytes()
        assert helped == (tmp_path / "alone" / EXAMPLE.stem / name).read_bytes()


def test_a_helper_that_dies_is_replaced_by_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(_: object) -> None:
        raise RuntimeError("the helper fell over")

    monkeypatch.setattr(build, "_warm_up", crash)  # the forked helper inherits this
    options = BuildOptions(formats=("html",), out=tmp_path)
    helper = build.PublishingHelper(options)
    try:
        result = build_file(EXAMPLE, options, helper.publish)
    finally:
        helper.close()
    assert result.ok, result.errors
    assert (tmp_path / EXAMPLE.stem / "privacy-policy.html").read_bytes().startswith(b"<!")


def test_a_publishing_error_in_the_helper_is_reported_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_pdf(*_: object, **_kwargs: object) -> bytes:
        raise PolicygenError("PDF rendering failed: out of paper")

    monkeypatch.setattr("generator.render.pdf.render_pdf", failing_pdf)
    code, _, stderr = run(EXAMPLE, "--out", tmp_path, "--jobs", "2")
    assert code == 1
    assert f"{EXAMPLE}: PDF rendering failed: out of paper" in stderr
    assert not (tmp_path / EXAMPLE.stem).exists()


def test_the_helper_is_waited_for_when_the_answers_fail(tmp_path: Path) -> None:
    bad, line = bad_copy(tmp_path)
    options = BuildOptions(formats=("md", "html"), out=tmp_path / "out")
    helper = build.PublishingHelper(options)
    pid = helper._pid
    try:
        result = build_file(bad, options, helper.publish)
    finally:
        helper.close()
    assert not result.ok and f"{bad}:{line}:" in result.errors[0]
    with pytest.raises(ChildProcessError):  # already reaped: no zombie left behind
        os.waitpid(pid, 0)
