"""Malformed answers files against the real command line, one process per run.

    python benchmarks/fuzz_malformed.py [--files N] [--seed S] [--workers W] [--keep DIR]

Generates at least N malformed answers files across the classes issue 13 found (deep
nesting in YAML and JSON, merges and aliases, huge numbers and values, many unknown keys,
special files, control characters and forged markers, bad encodings, empty files, odd
names) and runs `policygen validate FILE` and `policygen build FILE` on each. Every run
must end with exit 2 and no traceback within 2 s; the report counts the runs that did not,
and names the slowest.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
POLICYGEN = [sys.executable, "-m", "generator"]
LIMIT_SECONDS = 2.0
# A run that hangs is stopped here and counted as over the limit.
HANG_SECONDS = 30.0

# Characters refused in text answers: C0 and C1 controls, DEL, unpaired bidi controls.
CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x9B)]
BIDI = ["\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]
MARKERS = ["\0toc\0", "\0clause:0\0", "\0clause:999\0", "\x1b[2J\x1b[31m", "\x1b]0;pwned\x07"]


@dataclass
class Case:
    kind: str
    name: str
    content: bytes | None = None  # None: a special file made by ``special``
    special: str = ""


def _yaml_quote(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 32 or 127 <= code < 160 or char in BIDI or char in "\u2069\u202c":
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _example(rng: random.Random) -> str:
    return rng.choice(EXAMPLES).read_text(encoding="utf-8")


def _text_fields(text: str) -> list[int]:
    """Line numbers of `key: plain text` lines of an example (values we can replace)."""
    found = []
    for number, line in enumerate(text.splitlines()):
        key, sep, value = line.partition(": ")
        value = value.strip()
        if (
            sep
            and value
            and value[0].isalpha()
            and value not in ("true", "false", "null")
            and not key.strip().startswith(("#", "-"))
            and not value.startswith(("[", "{", "|", ">", "&", "*"))
        ):
            found.append(number)
    return found


def _replace_value(rng: random.Random, text: str, make: Callable[[str], str]) -> str:
    lines = text.splitlines()
    number = rng.choice(_text_fields(text))
    key, _sep, value = lines[number].partition(": ")
    lines[number] = f"{key}: {_yaml_quote(make(value.strip()))}"
    return "\n".join(lines) + "\n"


def nesting(rng: random.Random, i: int) -> Case:
    depth = rng.choice([60, 100, 330, 400, 1000, 5000, 20000])
    style = rng.choice(["flow-list", "flow-map", "block", "json", "json-map", "mixed"])
    if style == "flow-list":
        body = "business: " + "[" * depth + "]" * depth + "\n"
    elif style == "flow-map":
        body = "business: " + "{a: " * depth + "1" + "}" * depth + "\n"
    elif style == "block":
        depth = min(depth, 400)
        body = (
            "".join("  " * level + f"k{level}:\n" for level in range(depth)) + "  " * depth + "x\n"
        )
    elif style == "mixed":
        body = "a: " + "[{b: " * depth + "1" + "}]" * depth + "\n"
    else:
        opener, closer = ("[", "]") if style == "json" else ('{"a": ', "}")
        body = (
            '{"business": '
            + opener * depth
            + ("1" if style != "json" else "")
            + closer * depth
            + "}\n"
        )
        return Case("nesting", f"nest-{i}.json", body.encode())
    return Case("nesting", f"nest-{i}.yaml", body.encode())


def merges(rng: random.Random, i: int) -> Case:
    style = rng.choice(["bomb", "chain", "self", "self-flow", "alias-chain", "laughs", "many"])
    if style == "bomb":
        levels = rng.randint(20, 60)
        lines = ["l0: &l0 {a: 1, b: 2}"]
        lines += [
            f"l{n}: &l{n} {{<<: [*l{n - 1}, *l{n - 1}], k{n}: {n}}}" for n in range(1, levels)
        ]
    elif style == "chain":
        links = rng.choice([500, 2000, 5000])
        lines = ["m0: &m0 {k0: 0}"]
        lines += [f"m{n}: &m{n} {{<<: *m{n - 1}, k{n}: {n}}}" for n in range(1, links)]
    elif style == "self":
        lines = ["business: &x", "  <<: *x", "  store_name: Ink"]
    elif style == "self-flow":
        lines = ["business: &x {<<: *x, store_name: Ink}"]
    elif style == "alias-chain":
        links = rng.choice([100, 2000, 8000])
        lines = ["a0: &a0 [x]"] + [f"a{n}: &a{n} [*a{n - 1}]" for n in range(1, links)]
    elif style == "laughs":
        levels = rng.randint(6, 12)
        lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
    else:
        lines = ["base: &b {" + ", ".join(f"k{n}: {n}" for n in range(2000)) + "}"]
        lines += ["m: {<<: [" + ", ".join(["*b"] * 2000) + "]}"]
    return Case("merges", f"merge-{i}.yaml", ("\n".join(lines) + "\n").encode())


def sizes(rng: random.Random, i: int) -> Case:
    style = rng.choice(
        [
            "bigint",
            "bigint-json",
            "long-value",
            "long-key",
            "unknown-keys",
            "too-big",
            "long-list",
            "float",
        ]
    )
    text = _example(rng)
    if style == "bigint":
        body = text.replace(
            "employees:",
            "employees: " + "9" * rng.choice([4301, 5000, 100000]) + "\n  x_old_employees:",
            1,
        )
        if body == text:
            body = "business:\n  employees: " + "9" * 5000 + "\n"
    elif style == "bigint-json":
        body = '{"business": {"employees": ' + "9" * rng.choice([4301, 5000, 200000]) + "}}\n"
        return Case("sizes", f"size-{i}.json", body.encode())
    elif style == "long-value":
        # Longer than any text answer may be (2,000 characters).
        body = _replace_value(rng, text, lambda _v: "x" * rng.choice([2001, 100_000, 400_000]))
    elif style == "long-key":
        body = text + "k" * rng.choice([1000, 100_000, 400_000]) + ": 1\n"
    elif style == "unknown-keys":
        count = rng.choice([100, 2000, 8000, 20000])
        body = text + "".join(f"zz_unknown_{n}: {n}\n" for n in range(count))
    elif style == "too-big":
        body = "# " + "x" * rng.choice([600 * 1024, 2 * 1024 * 1024]) + "\n" + text
    elif style == "long-list":
        body = text + "affiliates_extra: [" + ", ".join(["1"] * 100_000) + "]\n"
    else:
        body = text.replace("employees:", "employees: 1e99999\n  x_employees:", 1) + "zz: 1\n"
    return Case("sizes", f"size-{i}.yaml", body.encode())


def markers(rng: random.Random, i: int) -> Case:
    text = _example(rng)
    style = rng.choice(["marker", "control", "bidi", "raw-control"])
    if style == "marker":
        marker = rng.choice(MARKERS)
        body = _replace_value(rng, text, lambda v: v[:5] + marker + v[5:])
    elif style == "control":
        char = rng.choice(CONTROLS)
        body = _replace_value(rng, text, lambda v: v + char + "x")
    elif style == "bidi":
        char = rng.choice(BIDI)
        body = _replace_value(rng, text, lambda v: char + v)
    else:  # a control character written raw into the file, which YAML itself refuses
        lines = text.splitlines()
        number = rng.choice(_text_fields(text))
        lines[number] += rng.choice(["\x01", "\x07", "\x1b", "\x7f", "\x00"])
        body = "\n".join(lines) + "\n"
    return Case("markers", f"marker-{i}.yaml", body.encode("utf-8"))


def encodings(rng: random.Random, i: int) -> Case:
    text = _example(rng).encode()
    style = rng.choice(["latin1", "truncated", "bom-utf16", "binary", "empty", "comment", "spaces"])
    if style == "latin1":
        at = rng.randrange(len(text))
        body = text[:at] + b"\xe9\xff" + text[at:]
    elif style == "truncated":
        body = "business:\n  store_name: Caf\u00e9".encode()[:-1]
    elif style == "bom-utf16":
        body = "business: {}\n".encode("utf-16")
    elif style == "binary":
        body = bytes(rng.randrange(256) for _ in range(rng.choice([10, 1000, 100_000])))
    elif style == "empty":
        body = b""
    elif style == "comment":
        body = b"# nothing here\n"
    else:
        body = b"   \n\n  \n"
    return Case("encodings", f"enc-{i}.yaml", body)


def names(rng: random.Random, i: int) -> Case:
    style = rng.choice(["suffix", "no-suffix", "dots", "dir"])
    text = b"business: 5\n"
    if style == "suffix":
        return Case(
            "names", f"answers-{i}.{rng.choice(['txt', 'yaml~', 'toml', 'YAML.bak'])}", text
        )
    if style == "no-suffix":
        return Case("names", f"answers-{i}", text)
    if style == "dots":
        return Case(
            "names", f"n{i}/" + rng.choice(["...yaml", "..yaml", ".yaml.yaml", " .yaml"]), text
        )
    return Case("names", f"dir-{i}.yaml", special="directory")


def specials(rng: random.Random, i: int) -> Case:
    kind = rng.choice(["fifo", "zero", "urandom", "null", "directory", "dangling"])
    return Case("special files", f"special-{i}.yaml", special=kind)


def broken(rng: random.Random, i: int) -> Case:
    text = _example(rng)
    style = rng.choice(["wrong-types", "top-list", "dup-key", "bad-tag", "tabs", "bad-json"])
    if style == "wrong-types":
        body = text.replace("business:", "business: 5\nbusiness_old:", 1)
    elif style == "top-list":
        body = "- " + "\n- ".join(text.splitlines()[:5]) + "\n"
    elif style == "dup-key":
        body = text + "business: {}\n"
    elif style == "bad-tag":
        body = text + "zz: !!python/object:os.system echo\n"
    elif style == "tabs":
        body = "business:\n\tstore_name: x\n"
    else:
        body = '{"business": {"store_name": "x",}}\n'
        return Case("broken", f"broken-{i}.json", body.encode())
    return Case("broken", f"broken-{i}.yaml", body.encode())


GENERATORS = [nesting, merges, sizes, markers, encodings, names, specials, broken]


def cases(count: int, seed: int) -> Iterator[Case]:
    rng = random.Random(seed)
    for i in range(count):
        yield GENERATORS[i % len(GENERATORS)](rng, i)


def materialise(case: Case, folder: Path) -> Path:
    path = folder / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    if case.content is not None:
        path.write_bytes(case.content)
    elif case.special == "fifo":
        os.mkfifo(path)
    elif case.special == "directory":
        path.mkdir()
    elif case.special == "dangling":
        path.symlink_to(folder / "no-such-target.yaml")
    else:
        path.symlink_to(f"/dev/{case.special}")
    return path


@dataclass
class Outcome:
    case: Case
    command: str
    exit_code: int
    seconds: float
    traceback: bool
    first_line: str


def run_one(case: Case, path: Path, command: str, out: Path) -> Outcome:
    args = [*POLICYGEN, "validate", str(path)]
    if command == "build":
        args = [*POLICYGEN, "build", str(path), "--format", "md", "--out", str(out), "--jobs", "1"]
    started = time.perf_counter()
    try:
        done = subprocess.run(args, capture_output=True, timeout=HANG_SECONDS, cwd=ROOT)
        code, err = done.returncode, done.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, err = -1, "hung"
    seconds = time.perf_counter() - started
    lines = err.splitlines()
    return Outcome(case, command, code, seconds, "Traceback" in err, lines[0] if lines else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="malformed files to make")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=2, help="runs at a time")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    options = parser.parse_args()

    folder = options.keep or Path(tempfile.mkdtemp(prefix="policygen-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "_out"
    made = [(case, materialise(case, folder)) for case in cases(options.files, options.seed)]
    jobs = [(case, path, command) for case, path in made for command in ("validate", "build")]
    try:
        with ThreadPoolExecutor(max_workers=options.workers) as pool:
            outcomes = list(pool.map(lambda job: run_one(*job, out), jobs))
    finally:
        if options.keep is None:
            shutil.rmtree(folder, ignore_errors=True)

    kinds = Counter(case.kind for case, _ in made)
    tracebacks = [o for o in outcomes if o.traceback]
    wrong = [o for o in outcomes if o.exit_code != 2]
    slow = [o for o in outcomes if o.seconds > LIMIT_SECONDS]
    slowest = max(outcomes, key=lambda o: o.seconds)
    print(f"files: {len(made)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    print(f"runs: {len(outcomes)} (validate and build for each file)")
    print(f"tracebacks: {len(tracebacks)}")
    print(f"exits other than 2: {len(wrong)}")
    print(f"runs over {LIMIT_SECONDS:g} s: {len(slow)}")
    print(
        f"slowest: {slowest.seconds:.2f} s ({slowest.command} {slowest.case.name}, "
        f"{slowest.case.kind})"
    )
    for outcome in (tracebacks + wrong + slow)[:20]:
        print(
            f"  {outcome.command} {outcome.case.name} ({outcome.case.kind}): exit "
            f"{outcome.exit_code}, {outcome.seconds:.2f} s: {outcome.first_line[:160]}"
        )
    return 1 if tracebacks or wrong or slow else 0


if __name__ == "__main__":
    sys.exit(main())
