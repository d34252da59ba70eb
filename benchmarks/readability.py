"""Print, per example store, the Flesch-Kincaid grade of the policy's body text and its
word count. Headings, tables, the table of contents and Markdown marks are removed first,
so the grade measures the sentences a reader reads. Target: grade 10 or lower.

textstat counts English syllables with NLTK's CMU dictionary, which it downloads on first
use; policygen runs offline, so syllables come from Pyphen's hyphenation dictionary (the
same fallback textstat uses for words the CMU dictionary lacks), and textstat counts the
words and sentences. The samples are measured the same way for comparison.

    python benchmarks/readability.py [examples/*.yaml]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyphen
import textstat

from generator.answers import load_profile
from generator.compose import render_policy
from generator.escape import unescape_markdown

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10.0
SEEDS = ROOT.parent / "shared" / "seeds"


def body_text(markdown: str) -> str:
    """Sentences only: no headings, tables, TOC links, link targets or Markdown marks."""
    kept: list[str] = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(("#", "|")) or re.fullmatch(r"\d+\. \[.*\]\(#.*\)", stripped):
            continue
        if stripped == "**Contents**":
            continue
        text = re.sub(r"^([-*+]|\d+\.)\s+", "", stripped)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
        text = re.sub(r"<(https?://[^>]+|[^>@\s]+@[^>]+)>", "", text)  # bare addresses
        text = text.replace("**", "")
        text = unescape_markdown(text)
        if text and not text.endswith((".", "!", "?", ":")):
            text += "."  # a bullet is a sentence of its own
        kept.append(text)
    return "\n".join(kept)


HYPHENATOR = pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    return len(HYPHENATOR.positions(word)) + 1


def flesch_kincaid_grade(text: str) -> float:
    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)
    sentences = max(1, textstat.sentence_count(text))
    if not words:
        return 0.0
    per_sentence = len(words) / sentences
    per_word = sum(syllables(w.lower()) for w in words) / len(words)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def measure_text(text: str) -> tuple[float, int]:
    return flesch_kincaid_grade(text), textstat.lexicon_count(text)


def measure(path: Path) -> tuple[float, int]:
    return measure_text(body_text(render_policy(load_profile(path)).markdown))


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "examples").glob("*.yaml"))
    print(f"{'example':<20} {'FK grade':>8} {'words':>6}")
    worst = 0.0
    for path in paths:
        grade, words = measure(path)
        worst = max(worst, grade)
        print(f"{path.stem:<20} {grade:>8.1f} {words:>6}")
    print(f"target: grade <= {TARGET:g}; highest: {worst:.1f}")
    seeds = sorted(SEEDS.glob("*.txt"))
    if seeds:
        print("\nsamples, measured the same way (whole archived page):")
        for seed in seeds:
            grade, words = measure_text(seed.read_text(encoding="utf-8", errors="replace"))
            print(f"{seed.stem:<20} {grade:>8.1f} {words:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
