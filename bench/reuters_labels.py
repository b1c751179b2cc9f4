"""Reuters-21578 sentences labelled by their article's topic (the ``reuters``
dataset of ``bench_topics.py`` and ``bench_k_choice.py``).

How the labels are made:

1. Every ``<REUTERS>`` story of ``reut2-000.sgm`` ... ``reut2-021.sgm`` (read as
   Latin-1), whatever its ``TOPICS=`` attribute or Lewis split, that has a
   ``<BODY>`` and exactly one ``<D>`` entry in its ``<TOPICS>`` element. Stories
   with no topic or with two or more topics are left out.
2. Topics held by at least ``MIN_ARTICLES`` (100) of those single-topic stories
   are the classes; stories of the other topics are left out. On the stored
   collection 8,654 stories have a body and one topic, and 9 classes are kept
   (stories / sentences): earn 3,735 / 9,348, acq 2,125 / 11,432, crude 355 /
   3,020, trade 333 / 3,439, money-fx 259 / 1,946, interest 211 / 1,326, ship
   156 / 902, sugar 135 / 955, coffee 114 / 914; 33,282 sentences in all (gold,
   99 stories, is the first left out). The classes are counted again on every
   run, not hard-coded.
3. Each kept story's body is split into sentences as ``bench_encoder.py`` and
   ``bench_scale.py`` split it (HTML entities undone, whitespace collapsed, cut
   after ``.``, ``!`` or ``?`` before an upper-case letter, a digit or an opening
   quote or bracket), and sentences of at least 5 words are kept. Each sentence
   gets its story's topic: a boilerplate sentence of an ``earn`` story ("Shr 12
   cts vs 10 cts") is ``earn``, and so is a sentence about oil in it, so the
   labels are noisy at sentence level.
4. ``n`` sentences (default 20,000) are drawn without replacement, uniformly over
   all kept sentences, with ``numpy.random.default_rng(SAMPLE_SEED)``, and kept
   in file order. The classes keep their natural (very unequal) shares: the
   default sample holds acq 6,877, earn 5,599, trade 2,072, crude 1,816,
   money-fx 1,175, interest 771, coffee 588, sugar 579, ship 523 sentences
   (19,634 distinct). Identical sentences (repeated
   boilerplate) are kept: a corpus of wire copy has them too.

Doc ids are ``reuters-NEWID-j`` (the story's NEWID and the sentence's position
in the story), so a sample can be traced back to its stories without storing
their text.
"""

from __future__ import annotations

import glob
import html
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_encoder import _BODY, _SENT_END  # noqa: E402  (one sentence splitter)

MIN_ARTICLES = 100
MIN_WORDS = 5
SAMPLE_SEED = 24
DEFAULT_UNITS = 20_000

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_TOPICS = re.compile(r"<TOPICS>(.*?)</TOPICS>", re.S)
_D = re.compile(r"<D>(.*?)</D>", re.S)


def single_topic_stories(folder: Path) -> list[tuple[int, str, str]]:
    """``(newid, topic, body)`` of every story with a body and exactly one topic, in
    file order."""
    files = sorted(glob.glob(str(Path(folder) / "reut2-*.sgm")))
    if not files:
        raise SystemExit(f"no reut2-*.sgm files under {folder} (use --root PATH)")
    out = []
    for name in files:
        raw = Path(name).read_text(encoding="latin-1")
        for attributes, story in _STORY.findall(raw):
            topics = _TOPICS.search(story)
            body = _BODY.search(story)
            names = _D.findall(topics.group(1)) if topics else []
            if body is None or len(names) != 1:
                continue
            out.append((int(_NEWID.search(attributes).group(1)), names[0].strip(),
                        body.group(1)))
    return out


def reuters_classes(stories, min_articles: int = MIN_ARTICLES) -> list[str]:
    """Topics of at least ``min_articles`` stories, most frequent first (ties by
    name)."""
    counts = Counter(topic for _, topic, _ in stories)
    kept = [t for t, c in counts.items() if c >= min_articles]
    return sorted(kept, key=lambda t: (-counts[t], t))


def sentences(body: str, min_words: int = MIN_WORDS) -> list[str]:
    """The body's sentences of at least ``min_words`` words (bench_encoder's cut)."""
    text = " ".join(html.unescape(body).replace("\x03", " ").split())
    return [s for s in _SENT_END.split(text) if len(s.split()) >= min_words]


def load_reuters(folder: Path, n: int = DEFAULT_UNITS, min_articles: int = MIN_ARTICLES,
                 seed: int = SAMPLE_SEED):
    """``(doc_ids, texts, labels, languages)`` of ``n`` labelled sentences (all of
    them when fewer are kept); see the module docstring."""
    stories = single_topic_stories(folder)
    classes = set(reuters_classes(stories, min_articles))
    ids, texts, labels = [], [], []
    for newid, topic, body in stories:
        if topic not in classes:
            continue
        for j, sent in enumerate(sentences(body)):
            ids.append(f"reuters-{newid}-{j}")
            texts.append(sent)
            labels.append(topic)
    if n < len(texts):
        keep = np.sort(np.random.default_rng(seed).choice(len(texts), n, replace=False))
        ids, texts, labels = ([seq[i] for i in keep] for seq in (ids, texts, labels))
    return ids, texts, labels, ["en"] * len(texts)


def describe(folder: Path, min_articles: int = MIN_ARTICLES) -> str:
    """One line per class: stories and sentences (for the benchmark's header)."""
    stories = single_topic_stories(folder)
    classes = reuters_classes(stories, min_articles)
    n_stories = Counter(t for _, t, _ in stories)
    n_sents = Counter()
    for _, topic, body in stories:
        if topic in n_stories and n_stories[topic] >= min_articles:
            n_sents[topic] += len(sentences(body))
    return ", ".join(f"{c} {n_stories[c]}/{n_sents[c]}" for c in classes)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "reuters21578"
    print(f"classes (single-topic stories / sentences of >= {MIN_WORDS} words), "
          f">= {MIN_ARTICLES} stories:")
    print(describe(root))
    ids, texts, labels, _ = load_reuters(root)
    print(f"sample of {len(texts)}: " + ", ".join(
        f"{c} {k}" for c, k in sorted(Counter(labels).items(), key=lambda p: -p[1])))
    print(f"distinct sentences in the sample: {len(set(texts))}")
