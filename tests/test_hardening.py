"""Issue 13: what an attack run broke. Each test reproduces one finding."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, sample_policy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import TemplateError

EXAMPLE = EXAMPLES / "tonerrefillkits.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def user_templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "mine"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    folder.mkdir(exist_ok=True)
    return folder


# ---- 1. the page template runs in the sandbox ----------------------------------------------


def test_a_users_page_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    from generator.render.html import render_html

    payload = '{{ cycler.__init__.__globals__.os.popen("echo PWNED").read() }}'
    folder = user_templates(tmp_path, {"html/page.html.j2": payload})
    with pytest.raises(TemplateError, match=r"unsafe|access"):
        render_html(sample_policy(), templates_dir=folder)


def test_the_page_and_the_clauses_share_one_environment_setup(tmp_path: Path) -> None:
    from generator import templating
    from generator.render import html

    folder = user_templates(tmp_path, {"html/page.html.j2": "{{ doc.store_name }}"})
    page = html._page_template(str(folder.resolve()))
    assert isinstance(page.environment, templating.PolicySandbox)
    assert isinstance(templating.environment(folder), templating.PolicySandbox)


# ---- 2. symlinks do not leave the templates folder -----------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT\n", encoding="utf-8")
    return path


def test_a_symlinked_stylesheet_outside_the_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    from generator.render.html import render_html

    folder = user_templates(tmp_path, {})
    (folder / "html").mkdir()
    (folder / "html" / "policy.css").symlink_to(secret)
    with pytest.raises(TemplateError, match="outside"):
        render_html(sample_policy(), templates_dir=folder)


def test_a_symlinked_page_template_outside_the_folder_is_refused(
    tmp_path: Path, secret: Path
) -> None:
    from generator.render.html import render_html

    folder = user_templates(tmp_path, {})
    (folder / "html").mkdir()
    (folder / "html" / "page.html.j2").symlink_to(secret)
    with pytest.raises(TemplateError, match="outside"):
        render_html(sample_policy(), templates_dir=folder)


def test_a_symlinked_clause_outside_the_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    from generator.answers import load_profile
    from generator.compose import render_policy

    folder = user_templates(tmp_path, {})
    (folder / "clauses").mkdir()
    (folder / "clauses" / "contact.md.j2").symlink_to(secret)
    with pytest.raises(TemplateError, match="outside"):
        render_policy(load_profile(EXAMPLE), folder)


def test_a_symlinked_clause_folder_outside_the_folder_is_refused(
    tmp_path: Path, secret: Path
) -> None:
    from generator.answers import load_profile
    from generator.compose import render_policy

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "contact.md.j2").write_text("## Contact\n\nTOP-SECRET\n", encoding="utf-8")
    folder = user_templates(tmp_path, {})
    (folder / "clauses").symlink_to(elsewhere)
    with pytest.raises(TemplateError, match="outside"):
        render_policy(load_profile(EXAMPLE), folder)


def test_a_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    from generator.render.html import render_html

    folder = user_templates(tmp_path, {"html/real.css": "body { color: #123456; }\n"})
    (folder / "html" / "policy.css").symlink_to(folder / "html" / "real.css")
    assert "#123456" in render_html(sample_policy(), templates_dir=folder)


def test_a_pdf_folder_linking_to_the_root_is_refused(tmp_path: Path) -> None:
    from generator.render.pdf import bundled_asset_fetcher

    folder = user_templates(tmp_path, {})
    (folder / "pdf").symlink_to("/")
    with pytest.raises(TemplateError, match="outside"):
        bundled_asset_fetcher(folder)


def test_a_symlinked_print_stylesheet_is_refused(tmp_path: Path, secret: Path) -> None:
    from generator.render.pdf import print_stylesheet_href

    folder = user_templates(tmp_path, {})
    (folder / "pdf").mkdir()
    (folder / "pdf" / "print.css").symlink_to(secret)
    with pytest.raises(TemplateError, match="outside"):
        print_stylesheet_href(folder)


def test_a_symlink_escape_exits_3_on_the_command_line(tmp_path: Path, secret: Path) -> None:
    folder = user_templates(tmp_path, {})
    (folder / "html").mkdir()
    (folder / "html" / "policy.css").symlink_to(secret)
    code, _out, err = run(
        "build", str(EXAMPLE), "--format", "html", "--out", str(tmp_path / "o"),
        "--templates", str(folder), "--jobs", "1",
    )  # fmt: skip
    assert code == 3
    assert "outside" in err
    assert not list((tmp_path / "o").rglob("*.html"))


# ---- 3. internal markers and control characters ---------------------------------------------


def answers_with(tmp_path: Path, old: str, new: str, name: str = "store.yaml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


STORE_NAME = "store_name: TonerRefillKits"


@pytest.mark.parametrize(
    ("escaped", "what"),
    [
        ("Ink \\0toc\\0", "U+0000"),
        ("Ink \\0clause:999\\0", "U+0000"),
        ("Ink \\e[31mred", "U+001B"),
        ("Ink \\x7f", "U+007F"),
        ("Ink \\u202Edesrever", "U+202E"),
        ("Ink \\u2066open", "U+2066"),
    ],
)
def test_control_characters_are_refused_at_validation(
    tmp_path: Path, escaped: str, what: str
) -> None:
    path = answers_with(tmp_path, STORE_NAME, f'store_name: "{escaped}"')
    code, _out, err = run("validate", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(f"{path}:")
    assert "business.store_name:" in line
    assert what in line


def test_paired_bidi_controls_and_tabs_are_allowed(tmp_path: Path) -> None:
    path = answers_with(tmp_path, STORE_NAME, 'store_name: "Ink \\u2067שלום\\u2069 Co"')
    code, _out, err = run("validate", str(path))
    assert code == 0, err


def test_a_clause_cannot_forge_the_composition_markers(tmp_path: Path) -> None:
    from generator.answers import load_profile
    from generator.compose import render_policy

    # Template literals are trusted, but even they cannot name a section that does not exist.
    folder = user_templates(
        tmp_path, {"clauses/contact.md.j2": "## Contact us\n\nA \x00clause:999\x00 B\n"}
    )
    doc = render_policy(load_profile(EXAMPLE), folder)
    assert "\x00clause:999\x00" in doc.markdown or "clause:999" in doc.markdown
    assert doc.markdown.count("\n## ") == len(doc.sections)


def test_a_forged_toc_marker_in_a_clause_is_left_as_text(tmp_path: Path) -> None:
    from generator.answers import load_profile
    from generator.compose import render_policy

    folder = user_templates(
        tmp_path, {"clauses/contact.md.j2": "## Contact us\n\nWrite \x00toc\x00 to us.\n"}
    )
    doc = render_policy(load_profile(EXAMPLE), folder)
    contact = doc.markdown.split("Contact us", 2)[-1]
    assert "](#" not in contact.split("\n\n")[1]


# ---- 4. output folders stay inside --out -----------------------------------------------------


@pytest.mark.parametrize("name", ["...yaml", "..yaml", ".yaml.yaml", " .yaml"])
def test_odd_file_names_build_inside_out(tmp_path: Path, name: str) -> None:
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "deep" / "out"
    code, _o, err = run("build", str(source), "--format", "md", "--out", str(out), "--jobs", "1")
    assert code == 0, err
    [written] = list(tmp_path.rglob("privacy-policy.md"))
    assert written.parent.parent == out
    assert written.parent.name not in ("", ".", "..")


def test_output_folder_names_are_safe_slugs() -> None:
    from generator.build import BuildOptions, output_dir

    out = Path("o")
    for name in ("...yaml", "..yaml", "a b.yaml", "ünï.yaml", "-.yaml", "x/../y.yaml"):
        folder = output_dir(Path(name), BuildOptions(out=out))
        assert folder.parent == out
        assert folder.name not in ("", ".", "..")
        assert os.sep not in folder.name


# ---- 5. malformed input: one line, exit 2, bounded time ------------------------------------


def _merge_bomb(levels: int) -> str:
    lines = ["l0: &l0 {a: 1, b: 2}"]
    lines += [f"l{i}: &l{i} {{<<: [*l{i - 1}, *l{i - 1}], k{i}: {i}}}" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _merge_chain(links: int) -> str:
    lines = ["m0: &m0 {k0: 0}"]
    lines += [f"m{i}: &m{i} {{<<: *m{i - 1}, k{i}: {i}}}" for i in range(1, links)]
    return "\n".join(lines) + "\n"


def _alias_chain(links: int) -> str:
    lines = ["a0: &a0 [x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, links)]
    return "\n".join(lines) + "\n"


def _laughs(levels: int) -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _unknown_keys(count: int) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    return text + "".join(f"zz_unknown_key_{i}: {i}\n" for i in range(count))


MALFORMED: dict[str, tuple[str, str | bytes]] = {
    "flow nesting": ("deep.yaml", "a: " + "[" * 400 + "]" * 400 + "\n"),
    "block nesting": ("block.yaml", "".join(" " * i + f"k{i}:\n" for i in range(200)) + "\n"),
    "json nesting": ("deep.json", '{"a": ' + "[" * 600 + "]" * 600 + "}\n"),
    "json nesting, no YAML": ("deep2.json", "[" * 3000 + "]" * 3000 + "\n"),
    "self-merging anchor": ("self.yaml", "a: &x\n  <<: *x\n"),
    "self-merging flow anchor": ("self2.yaml", "a: &x {<<: *x, b: 1}\n"),
    "big integer": ("int.yaml", "business:\n  store_name: " + "9" * 5000 + "\n"),
    "big integer in JSON": ("int.json", '{"business": {"store_name": ' + "9" * 5000 + "}}\n"),
    "merge-key bomb": ("bomb.yaml", _merge_bomb(40)),
    "merge chain": ("chain.yaml", _merge_chain(2000)),
    "alias chain": ("aliases.yaml", _alias_chain(2000)),
    "billion laughs": ("laughs.yaml", _laughs(9)),
    "8000 unknown keys": ("keys.yaml", _unknown_keys(8000)),
    "invalid UTF-8": ("latin1.yaml", b"business:\n  legal_name: Caf\xe9\n"),
    "empty": ("empty.yaml", ""),
    "only a comment": ("comment.yaml", "# nothing\n"),
    "bad suffix": ("answers.txt", "business: {}\n"),
    "control character in YAML": ("ctl.yaml", "a: x\x01y\n"),
    "escaped NUL": ("nul.yaml", 'business:\n  store_name: "a\\0b"\n'),
    "too big": ("big.yaml", "# " + "x" * (600 * 1024) + "\n"),
    "long unknown key": ("longkey.yaml", "k" * 100_000 + ": 1\n"),
    "long bad value": ("longval.yaml", "policy:\n  language: " + "x" * 100_000 + "\n"),
    "terminal escape in a key": ("esc.yaml", '"\\e]0;pwned\\a\\e[2J": 1\n'),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_files_get_one_line_and_exit_2_quickly(tmp_path: Path, case: str) -> None:
    import time

    name, content = MALFORMED[case]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    started = time.perf_counter()
    code, _out, err = run("validate", str(path))
    elapsed = time.perf_counter() - started
    assert code == 2, err
    lines = err.splitlines()
    assert lines, "no message"
    assert all(line.startswith(f"{path}:") for line in lines), err[:500]
    assert all(len(line) < 600 for line in lines), "a value was echoed whole"
    assert "\x1b" not in err and "\x00" not in err
    assert len(lines) <= 51
    assert elapsed < 2, f"{case} took {elapsed:.1f} s"


def test_unknown_keys_are_reported_in_linear_time(tmp_path: Path) -> None:
    import time

    timings = []
    for count in (2000, 8000):
        path = tmp_path / f"keys{count}.yaml"
        path.write_text(_unknown_keys(count), encoding="utf-8")
        started = time.perf_counter()
        code, _o, _e = run("validate", str(path))
        timings.append(time.perf_counter() - started)
        assert code == 2
    assert timings[1] < 1.5


def test_an_echoed_key_is_shortened_and_escaped(tmp_path: Path) -> None:
    path = tmp_path / "esc.yaml"
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8") + '"\\e[2J' + "k" * 200 + '": 1\n', encoding="utf-8"
    )
    code, _o, err = run("validate", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert "unknown key '\\x1b[2Jkkk" in line
    assert "k…'" in line
    assert "k" * 100 not in line


def test_a_long_bad_value_is_shortened(tmp_path: Path) -> None:
    path = answers_with(tmp_path, STORE_NAME, "store_name: " + "x" * 10_000)
    code, _o, err = run("validate", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert "x" * 80 + "…" in line
    assert len(line) < 400


def _special(tmp_path: Path, kind: str) -> Path:
    if kind == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)
        return path
    if kind == "directory":
        path = tmp_path / "folder.yaml"
        path.mkdir()
        return path
    link = tmp_path / f"{kind}.yaml"
    link.symlink_to(f"/dev/{kind}")
    return link


@pytest.mark.parametrize("kind", ["fifo", "directory", "zero", "urandom", "null"])
def test_special_files_are_refused_before_reading(tmp_path: Path, kind: str) -> None:
    import time

    path = _special(tmp_path, kind)
    started = time.perf_counter()
    code, _o, err = run("validate", str(path))
    assert time.perf_counter() - started < 2
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(f"{path}: ")


def test_an_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from generator import answers

    path = tmp_path / "secret.yaml"
    path.write_bytes(EXAMPLE.read_bytes())

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    # Tests may run as root, who can read a file whatever its mode.
    monkeypatch.setattr(answers.os, "open", refuse)
    code, _o, err = run("validate", str(path))
    assert code == 2
    assert err == f"{path}: cannot open the file: Permission denied\n"


def test_a_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    folder = _special(tmp_path, "directory")
    fifo = _special(tmp_path, "fifo")
    good = tmp_path / "good.yaml"
    good.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    code, stdout, err = run(
        "build", str(folder), str(fifo), "nope.yaml", str(good),
        "--format", "md", "--out", str(out), "--jobs", "1",
    )  # fmt: skip
    assert code == 2
    assert (out / "good" / "privacy-policy.md").is_file()
    assert f"{good}: wrote" in stdout
    assert "3 of 4 files failed" in err
    code, stdout, err = run("validate", str(folder), str(good))
    assert code == 2
    assert f"{good}: valid" in stdout


# ---- 6. a build of one store is all or nothing ---------------------------------------------


def _build_md_html(source: Path, out: Path) -> tuple[int, str]:
    code, _o, err = run(
        "build", str(source), "--format", "md,html", "--out", str(out), "--jobs", "1"
    )
    return code, err


def test_a_blocked_output_leaves_the_earlier_set_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = answers_with(tmp_path, STORE_NAME, "store_name: FirstName")
    assert _build_md_html(source, out)[0] == 0
    folder = out / "store"
    before = (folder / "privacy-policy.md").read_bytes()
    (folder / "privacy-policy.html").unlink()
    (folder / "privacy-policy.html").mkdir()  # the HTML path is blocked
    answers_with(tmp_path, STORE_NAME, "store_name: SecondName")
    code, err = _build_md_html(source, out)
    assert code == 3, err
    assert (folder / "privacy-policy.md").read_bytes() == before
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_leaves_the_earlier_set_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from generator import output

    out = tmp_path / "out"
    source = answers_with(tmp_path, STORE_NAME, "store_name: FirstName")
    assert _build_md_html(source, out)[0] == 0
    folder = out / "store"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second file of the set does not fit
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", fsync)
    answers_with(tmp_path, STORE_NAME, "store_name: SecondName")
    code, err = _build_md_html(source, out)
    assert code == 3
    assert "No space left on device" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_failed_rename_puts_the_replaced_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import output
    from generator.errors import OutputError

    old = {tmp_path / "a.md": b"old a", tmp_path / "b.html": b"old b"}
    for path, data in old.items():
        path.write_bytes(data)
    real_replace, failed = Path.replace, []

    def replace(self: Path, target: Path) -> Path:
        if Path(target).name == "b.html" and not failed:
            failed.append(target)
            raise OSError(5, "I/O error")
        return real_replace(self, target)

    monkeypatch.setattr(output.Path, "replace", replace)
    with pytest.raises(OutputError):
        output.write_all_atomic(
            {tmp_path / "a.md": b"new a", tmp_path / "b.html": b"new b", tmp_path / "c": b"c"}
        )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "a.md": b"old a",
        "b.html": b"old b",
    }


def test_stale_temporaries_are_removed_on_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = out / "store"
    folder.mkdir(parents=True)
    stale = [folder / ".privacy-policy.md.k1ll3d.tmp", folder / ".privacy-policy.pdf.x.tmp"]
    for path in stale:
        path.write_bytes(b"half")
    (folder / "notes.tmp").write_bytes(b"mine")
    source = answers_with(tmp_path, STORE_NAME, "store_name: FirstName")
    assert _build_md_html(source, out)[0] == 0
    assert not any(path.exists() for path in stale)
    assert (folder / "notes.tmp").exists()


# ---- 7. the wizard's resume file ---------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        '{"answers": {}, "completed": 7}',
        '{"answers": [], "completed": []}',
        '{"answers": {"business": {}}, "completed": [{"a": 1}]}',
        '{"answers": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"answers": {}, "completed": [' + "9" * 5000 + "]}",
        "fifo",
    ],
)
def test_a_damaged_resume_file_is_a_clear_exit_2(tmp_path: Path, content: str) -> None:
    from generator.errors import AnswersError
    from generator.wizard.session import load_resume, resume_path

    target = tmp_path / "store.yaml"
    if content == "fifo":
        os.mkfifo(resume_path(target))
    else:
        resume_path(target).write_text(content, encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load_resume(target)
    assert caught.value.exit_code == 2
    [problem] = caught.value.problems
    assert str(problem).startswith(str(resume_path(target)))


def test_a_resume_file_keeps_lists_and_numbers_at_the_top(tmp_path: Path) -> None:
    from generator.wizard.session import load_resume, resume_path

    target = tmp_path / "store.yaml"
    state = '{"answers": {"schema_version": 3, "categories": [{"a": 1}]}, "completed": ["x"]}'
    resume_path(target).write_text(state, encoding="utf-8")
    assert load_resume(target) == ({"schema_version": 3, "categories": [{"a": 1}]}, ["x"])


def _scripted() -> object:
    from test_interview import SMALL_STORE, Scripted

    return Scripted(dict(SMALL_STORE))


def _disk_refuses_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import answers
    from generator.errors import OutputError

    def refuse(_profile: object, path: Path, *_args: object) -> Path:
        raise OutputError(f"{path}: cannot write: No space left on device")

    monkeypatch.setattr(answers, "save_profile", refuse)


def test_answers_are_kept_when_the_answers_file_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.errors import OutputError
    from generator.wizard.session import conduct, load_resume, resume_path

    target = tmp_path / "store.yaml"
    _disk_refuses_answers(monkeypatch)
    with pytest.raises(OutputError) as caught:
        conduct(_scripted(), target)  # type: ignore[arg-type]
    assert f"Your answers are kept in {resume_path(target)}" in caught.value.message
    kept = load_resume(target)
    assert kept is not None
    assert kept[0]["business"]["store_name"]


def test_answers_go_to_the_temporary_folder_when_the_folder_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from generator.errors import OutputError
    from generator.wizard import session as interview

    def cannot(*_args: object) -> Path:
        raise OutputError("read-only folder")

    monkeypatch.setattr(interview, "save_resume", cannot)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    target = tmp_path / "store.yaml"
    _disk_refuses_answers(monkeypatch)
    with pytest.raises(OutputError) as caught:
        interview.conduct(_scripted(), target)  # type: ignore[arg-type]
    kept = tmp_path / "tmp" / interview.resume_path(target).name
    assert kept.is_file()
    assert f"Your answers are kept in {kept}. Move it to" in caught.value.message


# ---- 8. limits for user templates ------------------------------------------------------------

_PROFILE_CACHE: list[object] = []


def _profile() -> object:
    from generator.answers import load_profile

    if not _PROFILE_CACHE:
        _PROFILE_CACHE.append(load_profile(EXAMPLE))
    return _PROFILE_CACHE[0]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ ('A' * 10**9) | length }}", "longer than"),
        ("{{ 'A' * 3000000 }}", "longer than"),
        ("{{ 10 ** 100000000 }}", "longer than"),
        ("{{ lipsum(100000) }}", "lipsum"),
        ("{% for i in range(100000) %}x{% endfor %}", "range"),
        ("{{ 'x' | center(1000000000) }}", "longer than"),
        ("{{ 'x'.ljust(1000000000) }}", "longer than"),
        ("{{ '{:>1000000000}'.format(1) }}", "longer than"),
        ("{{ '%1000000000d' % 1 }}", "longer than"),
        (
            "{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}"
            "{% endfor %}{% endfor %}{% endfor %}",
            "seconds",
        ),
        ("{% for i in range(10000) %}{{ 'y' * 1999999 }}{% endfor %}", "longer than"),
    ],
)
def test_user_templates_are_limited(tmp_path: Path, body: str, message: str) -> None:
    import time

    from generator.compose import render_policy
    from generator.templating import RENDER_SECONDS

    folder = user_templates(tmp_path, {"clauses/contact.md.j2": f"## Contact us\n\n{body}\n"})
    started = time.perf_counter()
    with pytest.raises(TemplateError, match=message):
        render_policy(_profile(), folder)  # type: ignore[arg-type]
    assert time.perf_counter() - started < RENDER_SECONDS + 2


def test_a_slow_page_template_is_stopped(tmp_path: Path) -> None:
    from generator.render.html import render_html

    loops = "{% for i in range(10000) %}" * 3 + "{% endfor %}" * 3
    folder = user_templates(tmp_path, {"html/page.html.j2": loops + "{{ body }}"})
    with pytest.raises(TemplateError, match="seconds"):
        render_html(sample_policy(), templates_dir=folder)


def test_our_own_templates_are_not_timed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A correct build must not fail on a slow or busy machine: only a user's templates,
    # which can loop without end, run against the clock.
    from generator import templating
    from generator.compose import render_policy
    from generator.render.html import render_html

    monkeypatch.setattr(templating, "RENDER_SECONDS", 0.0)
    doc = render_policy(_profile())  # type: ignore[arg-type]
    assert render_html(doc).startswith("<!DOCTYPE html>")
    folder = user_templates(tmp_path, {"html/page.html.j2": "{{ body }}"})
    with pytest.raises(TemplateError, match="seconds"):
        render_policy(_profile(), folder)  # type: ignore[arg-type]


# ---- 12. template-contract breaches are their own error; bugs surface --------------------------


def test_a_contract_breach_is_a_template_contract_error(tmp_path: Path) -> None:
    from generator.compose import render_policy
    from generator.errors import TemplateContractError

    folder = user_templates(tmp_path, {"clauses/contact.md.j2": "No title here\n"})
    with pytest.raises(TemplateError, match="must start with a '## Title' line") as caught:
        render_policy(_profile(), folder)  # type: ignore[arg-type]
    assert type(caught.value) is TemplateError  # located, then re-raised for the user
    with pytest.raises(TemplateContractError):
        from generator.grammar import join_and

        join_and([])


def test_a_bug_in_a_filter_surfaces_instead_of_becoming_a_template_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import grammar, templating
    from generator.compose import render_policy

    def broken(_value: object) -> str:
        raise KeyError("a bug of ours")

    monkeypatch.setitem(grammar.FILTERS, "label", broken)
    templating._environment.cache_clear()
    try:
        with pytest.raises(KeyError):
            render_policy(_profile())  # type: ignore[arg-type]
    finally:
        templating._environment.cache_clear()


def test_an_error_in_a_users_template_code_is_still_a_template_error(tmp_path: Path) -> None:
    from generator.compose import render_policy

    folder = user_templates(tmp_path, {"clauses/contact.md.j2": "## Contact us\n\n{{ 1 / 0 }}\n"})
    with pytest.raises(TemplateError, match=r"contact\.md\.j2:3: division by zero"):
        render_policy(_profile(), folder)  # type: ignore[arg-type]


# ---- 9. refused stylesheet requests are reported ----------------------------------------------


def test_refused_stylesheet_requests_are_warned_about(tmp_path: Path) -> None:
    folder = user_templates(
        tmp_path,
        {
            "pdf/print.css": '@import url("file:///etc/passwd");\n'
            'body { background: url("https://evil.example/x.png"); }\n',
            "html/policy.css": "main { background: url('../../../secret.png'); }\n",
        },
    )
    code, out, err = run(
        "build", str(EXAMPLE), "--format", "pdf", "--out", str(tmp_path / "o"),
        "--templates", str(folder), "--jobs", "1",
    )  # fmt: skip
    assert code == 0, err
    assert "wrote" in out
    lines = err.splitlines()
    print_css = folder / "pdf" / "print.css"
    assert any(
        f"warning: {print_css}: refused to fetch 'file:///etc/passwd'" in line for line in lines
    ), err
    assert any("refused to fetch 'https://evil.example/x.png'" in line for line in lines), err
    assert any(f"{folder / 'html' / 'policy.css'}: refused" in line for line in lines), err


def test_our_own_stylesheets_fetch_nothing_refused() -> None:
    from generator.render.pdf import render_pdf

    refused: list[str] = []
    render_pdf(sample_policy(), refused=refused)
    assert refused == []


# ---- 12. loose ends -----------------------------------------------------------------------------


def test_a_failed_pdf_is_an_output_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    from generator.errors import OutputError
    from generator.render.pdf import render_pdf

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("no fonts at all")

    monkeypatch.setattr(weasyprint.HTML, "render", broken)
    with pytest.raises(OutputError, match="PDF rendering failed") as caught:
        render_pdf(sample_policy())
    assert caught.value.exit_code == 3


def test_build_run_returns_its_report_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.build import BuildOptions, run

    bad = tmp_path / "bad.yaml"
    bad.write_text("business: 5\n", encoding="utf-8")
    report = run([EXAMPLE, bad], BuildOptions(formats=("md",), out=tmp_path / "o"), jobs=1)
    assert capsys.readouterr() == ("", "")
    assert report.out.startswith(f"{EXAMPLE}: wrote")
    assert f"{bad}:1: business:" in report.err
    assert report.err.endswith("1 of 2 files failed to build\n")
    assert report.exit_code == 2


# ---- 11. web addresses that a published policy may link to ------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://user:pass@tonerrefillkits.example/", "user name or password"),
        ("https://admin@tonerrefillkits.example/", "user name or password"),
        ("http://127.0.0.1/", "local or private"),
        ("http://[::1]:8080/", "local or private"),
        ("http://192.168.1.20/shop", "local or private"),
        ("http://localhost:3000/", "local or private"),
        ("http://shop.local/", "local or private"),
        ("http://intranet/", "local or private"),
    ],
)
def test_web_addresses_that_cannot_be_published_are_refused(
    tmp_path: Path, url: str, message: str
) -> None:
    old = 'websites: ["https://www.tonerrefillkits.com/"]'
    path = answers_with(tmp_path, old, f"websites: ['{url}']")
    code, _o, err = run("validate", str(path))
    assert code == 2
    assert any("business.websites" in line and message in line for line in err.splitlines()), err


def test_public_web_addresses_are_fine() -> None:
    from pydantic import TypeAdapter

    from generator.model.base import WebAddress

    adapter = TypeAdapter(WebAddress)
    for url in (
        "https://www.acme.example/",
        "https://93.184.216.34/",
        "http://shop.example.co.uk/",
    ):
        assert str(adapter.validate_python(url)) == url


def test_dates_are_written_by_one_helper_that_ignores_the_locale() -> None:
    import datetime as dt

    from generator import dates, grammar, laws
    from generator.render import html

    day = dt.date(2016, 3, 2)
    assert html.long_date is laws.long_date is dates.long_date
    assert grammar.date_long(day) == dates.long_date(day) == "March 2, 2016"
    root = Path(dates.__file__).parent
    for source in root.rglob("*.py"):
        if source.name == "dates.py":
            continue
        text = source.read_text(encoding="utf-8")
        assert "strftime" not in text and "%B" not in text, source


def test_the_countries_that_write_the_month_first_are_cldrs() -> None:
    """dates.MONTH_FIRST against CLDR (through Babel): every English locale whose long date
    starts with the month is listed, and no other."""
    import datetime as dt

    from babel import Locale, localedata
    from babel.dates import format_date

    from generator import dates

    day = dt.date(2027, 1, 1)
    month_first = set()
    for name in localedata.locale_identifiers():
        locale = Locale.parse(name)
        if locale.language != "en" or not locale.territory or locale.script or locale.variant:
            continue
        if format_date(day, "long", locale=locale).startswith("January"):
            month_first.add(locale.territory)
    assert month_first == dates.MONTH_FIRST
    with dates.dates_as_in("ES"):
        assert dates.long_date(day) == "1 January 2027"
    with dates.dates_as_in("CA"):
        assert dates.long_date(day) == "January 1, 2027"
    assert dates.long_date(day) == "January 1, 2027"  # outside any store


def test_a_or_an_is_decided_once() -> None:
    from generator.wizard.interview import _a

    assert _a("user ID") == "a user ID"
    assert _a("hour") == "an hour"
    assert _a("SMS number") == "an SMS number"


def test_generator_needs_no_unused_runtime_dependency() -> None:
    import tomllib

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [d.split(">")[0].split("[")[0].split("=")[0].lower() for d in project["dependencies"]]
    assert "textstat" not in names and "mdit-py-plugins" not in names
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (root / "generator").rglob("*.py"))
    assert "textstat" not in sources and "mdit_py_plugins" not in sources


def test_tests_name_no_absolute_path_to_the_shared_folder() -> None:
    here = Path(__file__).resolve().parent
    for test in here.glob("*.py"):
        if test.name == Path(__file__).name:
            continue
        assert '"/work/' not in test.read_text(encoding="utf-8"), test


# ---- fuzz: the malformed classes, mixed --------------------------------------------------------


_REFUSED_CHARS = st.sampled_from(
    [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85)]
    + ["\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]
)


@st.composite
def _malformed(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["nest", "json", "merge", "alias", "size", "marker", "bytes"]))
    depth = draw(st.integers(51, 3000))
    if kind == "nest":
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("[{b: ", "}]")]))
        return "n.yaml", ("a: " + opener * depth + "1" * (opener != "[") + closer * depth).encode()
    if kind == "json":
        return "n.json", ('{"a": ' + "[" * depth + "]" * depth + "}").encode()
    if kind == "merge":
        links = draw(st.integers(2, 3000))
        wide = draw(st.booleans())
        lines = ["m0: &m0 {k0: 0}"] + [
            f"m{n}: &m{n} {{<<: [*m{n - 1}{f', *m{n - 1}' * wide}], k{n}: {n}}}"
            for n in range(1, links)
        ]
        if draw(st.booleans()):
            lines.append("self: &s {<<: *s}")
        return "m.yaml", ("\n".join(lines) + "\nbusiness: 5\n").encode()
    if kind == "alias":
        links = draw(st.integers(51, 3000))
        lines = ["a0: &a0 [x]"] + [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]" for n in range(1, links)]
        return "a.yaml", "\n".join(lines).encode()
    if kind == "size":
        digits = draw(st.integers(101, 20_000))
        count = draw(st.integers(0, 5000))
        text = EXAMPLE.read_text(encoding="utf-8") + f"zz: {'7' * digits}\n"
        text += "".join(f"k{n}: {n}\n" for n in range(count))
        return "s.yaml", text.encode()
    if kind == "marker":
        char = draw(_REFUSED_CHARS)
        escaped = f"\\u{ord(char):04x}"
        old = STORE_NAME
        text = EXAMPLE.read_text(encoding="utf-8").replace(old, f'store_name: "Ink{escaped}x"')
        return "c.yaml", text.encode()
    data = draw(st.binary(min_size=1, max_size=300))
    return draw(st.sampled_from(["b.yaml", "b.json"])), b"\xff" + data


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=_malformed())
def test_fuzz_malformed_classes_get_one_line_exit_2_in_bounded_time(
    tmp_path: Path, case: tuple[str, bytes]
) -> None:
    import time

    name, content = case
    path = tmp_path / name
    path.write_bytes(content)
    started = time.perf_counter()
    code, _out, err = run("validate", str(path))
    assert time.perf_counter() - started < 2
    assert code == 2
    lines = err.splitlines()
    assert lines and all(line.startswith(f"{path}:") for line in lines), err[:300]
    assert not any(c in err for c in "\x00\x1b\u202e")


@pytest.mark.parametrize("kind", ["fifo", "directory", "zero", "urandom"])
def test_fuzz_special_files_in_a_build_batch(tmp_path: Path, kind: str) -> None:
    special = _special(tmp_path, kind)
    good = tmp_path / "good.yaml"
    good.write_bytes(EXAMPLE.read_bytes())
    code, stdout, err = run(
        "build", str(special), str(good), "--format", "md", "--out", str(tmp_path / "o"),
        "--jobs", "1",
    )  # fmt: skip
    assert code == 2
    assert f"{good}: wrote" in stdout
    assert err.splitlines()[0].startswith(f"{special}: ")


def test_a_file_name_with_control_characters_is_echoed_escaped(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[2J.yaml"
    path.write_text("business: 5\n", encoding="utf-8")
    code, _o, err = run("validate", str(path))
    assert code == 2
    assert "\x1b" not in err
    assert "evil\\x1b[2J.yaml:1: business:" in err


def test_large_numbers_are_fine_where_they_make_nothing_large(tmp_path: Path) -> None:
    from generator.compose import render_policy

    body = "{{ plural(25000000, 'dollar', 'dollars') }} {{ 25000000 + 1 }} {{ 10 ** 30 }}"
    folder = user_templates(tmp_path, {"clauses/contact.md.j2": f"## Contact us\n\n{body}\n"})
    doc = render_policy(_profile(), folder)  # type: ignore[arg-type]
    assert "dollars 25000001 1000000000000000000000000000000" in doc.markdown
