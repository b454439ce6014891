"""Benchmark of the quote verifier: 200 synthetic sources x 250 KB, 2,000 quotes, 10% wrong.

Prints the time to build the corpus (normalise and index every source once), to verify
every quote against its cited source, and what a naive scan (every quote searched in every
source's text) would take. Run: python bench/bench_matcher.py [SOURCES] [KB] [QUOTES]
"""
from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compiler.verify.corpus import Corpus, Match  # noqa: E402
from compiler.verify.normalise import normalise  # noqa: E402


def vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf-like frequencies (cumulative weights), so common words are common."""
    letters = "etaoinshrdlcumwfgypbvkjxqz"
    words = sorted({"".join(rng.choices(letters, k=rng.randint(2, 11))) for _ in range(size)})
    rng.shuffle(words)
    return words, list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


def source_text(rng: random.Random, words: list[str], weights: list[float], size: int) -> str:
    """Paragraphs of sentences, wrapped at ~70 characters like a text extraction, with
    typographic quotes, dashes and the odd hyphenated line end."""
    out, length = [], 0
    while length < size:
        sentence = rng.choices(words, cum_weights=weights, k=rng.randint(8, 30))
        sentence[0] = sentence[0].capitalize()
        if rng.random() < 0.2:
            sentence[rng.randrange(len(sentence))] += "’s"
        text = " ".join(sentence) + rng.choice([".", ".", "—", ","])
        out.append(text)
        length += len(text) + 1
    return wrap(rng, " ".join(out))


def wrap(rng: random.Random, text: str) -> str:
    lines, line = [], []
    for word in text.split(" "):
        line.append(word)
        if sum(map(len, line)) + len(line) > 68:
            lines.append(" ".join(line))
            line = []
            if rng.random() < 0.05:
                lines.append("")
    lines.append(" ".join(line))
    return "\n".join(lines)


def quotes(rng: random.Random, texts: dict[str, str], count: int,
           wrong: float) -> list[tuple[str, str, bool]]:
    """(quote, source id, should match): passages of 6-25 words, some with a word changed."""
    out = []
    ids = list(texts)
    split = {sid: normalise(text).split(" ") for sid, text in texts.items()}
    for _ in range(count):
        sid = rng.choice(ids)
        words = split[sid]
        i = rng.randrange(len(words) - 30)
        passage = words[i:i + rng.randint(6, 25)]
        ok = rng.random() >= wrong
        if not ok:
            passage[rng.randrange(len(passage))] = "zzqx"
        out.append((" ".join(passage), sid, ok))
    return out


def main() -> None:
    args = sys.argv[1:] + ["200", "250", "2000"][len(sys.argv) - 1:]
    n_sources, kb, n_quotes = (int(a) for a in args[:3])
    rng = random.Random(7)
    words, weights = vocabulary(rng)
    texts = {f"src-{i}": source_text(rng, words, weights, kb * 1000) for i in range(n_sources)}
    total = sum(map(len, texts.values()))
    print(f"{n_sources} sources, {total / 1e6:.1f} MB, {n_quotes} quotes")
    cases = quotes(rng, texts, n_quotes, 0.10)

    started = time.perf_counter()
    corpus = Corpus(texts)
    print(f"build corpus (normalise + index once): {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    results = [corpus.verify(q, sid) for q, sid, _ in cases]
    elapsed = time.perf_counter() - started
    wrong = sum(isinstance(r, Match) != ok for r, (_, _, ok) in zip(results, cases))
    print(f"verify {n_quotes} quotes: {elapsed:.2f} s ({wrong} results unlike expected)")

    normalised = [normalise(t) for t in texts.values()]
    sample = cases[:50]
    started = time.perf_counter()
    for q, _, _ in sample:
        needle = normalise(q)
        any(needle in text for text in normalised)
    naive = (time.perf_counter() - started) / len(sample) * n_quotes
    print(f"naive scan (every quote in every source), extrapolated from {len(sample)}: {naive:.2f} s")


if __name__ == "__main__":
    main()
