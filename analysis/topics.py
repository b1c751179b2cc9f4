"""The topic model: the stable topics of :mod:`analysis.clustering`, held in BERTopic.

========================  ==========================================================
units                     what decides the topics
========================  ==========================================================
1-2                       nothing: one topic (too few units to compare)
3-499,999                 :class:`~analysis.clustering.StableKMeans` on the
                          language-centred (and, for one-language corpora, lexical)
                          vectors of :func:`~analysis.clustering.topic_space`; k given,
                          or chosen by stability against a null sample
500,000+ (or online=True) BERTopic's online mode: ``partial_fit`` over batches with
                          IncrementalPCA, MiniBatchKMeans and OnlineCountVectorizer
                          (around the package's analyser), memory bounded by the batch
========================  ==========================================================

BERTopic gets the topics as given (``BaseCluster``, no reduction) and computes
their c-TF-IDF words with the package's language-aware vectoriser; it saves and
loads the model and draws the interactive views.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np


@contextmanager
def quiet_bertopic():
    """Hold BERTopic's logger at ERROR for the duration of a call.

    BERTopic warns when topics are assigned by hand (our outlier reduction) and
    when a model is saved without a hub pointer to its embedding model (ours is
    an offline wheel): both are expected here and would only clutter the
    analyst's log and the notebooks. The level is restored afterwards.
    """
    logger = logging.getLogger("BERTopic")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass
class Choice:
    """What the factory picked, in words."""

    regime: str
    reduction: str
    clustering: str
    reason: str

    def __str__(self) -> str:
        return f"{self.regime}: {self.reduction} + {self.clustering} ({self.reason})"


def topic_model_shell(vectorizer, top_n_words: int = 10):
    """An unfitted BERTopic that takes the topics it is given (``fit(..., y=topics)``)
    and computes their c-TF-IDF words with ``vectorizer``: no reduction, no
    clustering of its own."""
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer

    return BERTopic(umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(),
                    vectorizer_model=vectorizer,
                    ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
                    top_n_words=top_n_words, min_topic_size=2,
                    calculate_probabilities=False, verbose=False)


ONLINE_UNITS = 500_000


def fit_topics_online(docs, embeddings, vectorizer, nr_topics=None, seed: int = 42,
                      batch_size: int = 20_000):
    """BERTopic's online mode: ``partial_fit`` batch by batch.

    IncrementalPCA (5-d) stands in for UMAP, MiniBatchKMeans for HDBSCAN, and
    BERTopic's OnlineCountVectorizer wraps the package's language-aware analyser,
    so topic words are lemmatised phrases as elsewhere. Returns
    ``(model, topics, choice)`` with the topic of every unit, batch after batch.
    """
    from bertopic import BERTopic
    from bertopic.vectorizers import OnlineCountVectorizer
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import IncrementalPCA

    k = 20 if nr_topics in (None, "auto") else int(nr_topics)
    n = len(docs)
    batch_size = max(batch_size, k, 5)
    online_vectorizer = OnlineCountVectorizer(analyzer=vectorizer.build_analyzer(),
                                              decay=0.01)
    model = BERTopic(umap_model=IncrementalPCA(n_components=5),
                     hdbscan_model=MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3),
                     vectorizer_model=online_vectorizer, verbose=False)
    topics = []
    with quiet_bertopic():
        for start in range(0, n, batch_size):
            stop = min(n, start + batch_size)
            # one dtype for every batch (MiniBatchKMeans keeps its first batch's)
            batch = np.asarray(embeddings[start:stop], dtype=np.float64)
            if stop - start < k and start > 0:  # a short last batch: predict, don't fit
                topics.extend(model.hdbscan_model.predict(
                    model.umap_model.transform(batch)).tolist())
                continue
            model.partial_fit(docs[start:stop], embeddings=batch)
            topics.extend(model.topics_)
    choice = Choice("online", "IncrementalPCA (5-d)", f"MiniBatchKMeans, k={k}",
                    f"{n} units are fitted in batches of {batch_size} with partial_fit, "
                    "so memory stays bounded")
    return model, np.asarray(topics), choice


def fit_topics(docs, embeddings, vectorizer, nr_topics=None, seed: int = 42,
               space=None, online: bool | None = None, max_topics: int = 16):
    """Fit the topics of ``docs``; returns ``(model, topics, choice)``.

    ``space`` is the representation the topics are clustered in
    (:func:`analysis.clustering.topic_space`; default: the embeddings). The
    topics come from :class:`analysis.clustering.StableKMeans` (k given, or
    chosen by stability); BERTopic then holds them and their c-TF-IDF words.
    ``model`` is ``None`` below 3 units (all in topic 0).
    """
    from .clustering import StableKMeans

    n = len(docs)
    if online or (online is None and n >= ONLINE_UNITS):
        return fit_topics_online(list(docs), embeddings, vectorizer, nr_topics, seed)
    if n < 3:
        choice = Choice("tiny corpus", "none", "none",
                        f"{n} unit(s) cannot be compared: everything is topic 0; "
                        "use a smaller unit (--unit paragraph or sentence) for topics")
        return None, np.zeros(n, dtype=int), choice
    k = None if nr_topics in (None, "auto") else int(nr_topics)
    space = embeddings if space is None else space
    clusterer = StableKMeans("auto" if k is None else k, max_clusters=max_topics,
                             random_state=seed).fit(space)
    topics = clusterer.labels_
    if k is None:
        tried = sorted(clusterer.scores_)
        gains = {t: real - chance for t, (real, chance) in clusterer.scores_.items()}
        if clusterer.n_clusters_ == 1:
            how = (f"one topic (k from {tried[0]} to {tried[-1]} tried; the best gain in "
                   f"restart agreement over a null sample was {max(gains.values()):.2f})")
            reason = "no split of these units is more stable than chance"
        else:
            real, chance = clusterer.scores_[clusterer.n_clusters_]
            how = (f"k-means, k={clusterer.n_clusters_} chosen by stability "
                   f"(restart agreement {real:.2f} against {chance:.2f} on a null sample; "
                   f"k from {tried[0]} to {tried[-1]} tried)")
            reason = "the number of topics whose partition is most stable beyond chance"
    else:
        how, reason = f"k-means, k={k}", "a fixed number of topics was asked for"
    choice = Choice(f"corpus of {n} units", "no reduction (language-centred vectors)",
                    how, reason)
    model = topic_model_shell(vectorizer)
    with quiet_bertopic():
        model.fit(list(docs), embeddings=np.asarray(embeddings, dtype=np.float64),
                  y=topics.tolist())
        if not np.array_equal(np.asarray(model.topics_), topics):
            # BERTopic re-sorts equal-sized topics with an unstable sort: put ours back
            model.update_topics(list(docs), topics=topics.tolist(), vectorizer_model=vectorizer)
    return model, topics, choice


def save_topic_model(model, path) -> None:
    """Save a fitted BERTopic with safetensors (never pickle), atomically: the
    folder is written beside ``path`` and renamed into place.

    BERTopic's own safetensors format can only rebuild a stock ``CountVectorizer``,
    so its c-TF-IDF is not saved; the language-aware vectoriser is saved beside it
    as JSON (its parameters, vocabulary and display names) and restored by
    :func:`load_topic_model`.
    """
    import json
    import shutil

    from .atomic import atomic_dir

    saved = getattr(model, "saved_path", None)
    if saved is not None and model._model is not None:
        model, saved = model._model, None  # loaded, maybe changed: save it
    with atomic_dir(path) as tmp:
        if saved is not None:  # a model from the fit cache, never loaded: copy its folder
            shutil.copytree(saved, tmp, dirs_exist_ok=True)
            return
        with quiet_bertopic():
            model.save(tmp, serialization="safetensors", save_ctfidf=False,
                       save_embedding_model=False)
        vec = model.vectorizer_model
        if hasattr(vec, "vocabulary_") and hasattr(vec, "display_names_"):
            params = {k: v for k, v in vec.get_params().items() if k != "dtype"}
            params = {k: list(v) if isinstance(v, tuple | frozenset | set) else v
                      for k, v in params.items()}
            state = {"class": type(vec).__name__, "params": params,
                     "vocabulary": {t: int(i) for t, i in vec.vocabulary_.items()},
                     "display_names": [str(x) for x in vec.display_names_]}
            (tmp / "language_aware_vectorizer.json").write_text(
                json.dumps(state, ensure_ascii=False), encoding="utf-8")


def load_topic_model(path, embedding_model=None):
    """Load a topic model saved by :func:`save_topic_model`."""
    import json
    from pathlib import Path

    from bertopic import BERTopic

    from . import vectorize

    with quiet_bertopic():
        model = BERTopic.load(str(path), embedding_model=embedding_model)
    state_file = Path(path) / "language_aware_vectorizer.json"
    if state_file.exists():
        state = json.loads(state_file.read_text(encoding="utf-8"))
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in state["params"].items()}
        vec = getattr(vectorize, state["class"])(**params)
        vec.vocabulary_ = state["vocabulary"]
        vec.display_names_ = np.array(state["display_names"], dtype=object)
        model.vectorizer_model = vec
    return model
