"""The topic model: the stable topics of :mod:`analysis.topics.clustering`, held in BERTopic.

========================  ==========================================================
units                     what decides the topics
========================  ==========================================================
1-2                       nothing: one topic (too few units to compare)
3-499,999                 :class:`~analysis.topics.clustering.StableKMeans` on the
                          language-centred (and, for one-language corpora, lexical)
                          vectors of :func:`~analysis.topics.clustering.topic_space`; k given,
                          or chosen by stability against a null sample
500,000+ (or online=True) BERTopic's online mode: ``partial_fit`` over batches with
                          IncrementalPCA, MiniBatchKMeans and OnlineCountVectorizer
                          (around the package's analyser), memory bounded by the batch
========================  ==========================================================

BERTopic gets the topics as given (``BaseCluster``, no reduction) and holds
them: it saves and loads the model and draws the interactive views. Its words are
the package's one c-TF-IDF (:mod:`analysis.topics.representation`), attached after
the fit; the c-TF-IDF BERTopic computes while fitting is a throwaway pass with a
plain whitespace tokeniser, so no text is analysed twice.
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


def whitespace_vectorizer():
    """The vectoriser of BERTopic's own (discarded) c-TF-IDF pass: words split on
    whitespace, nothing else."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(analyzer=str.split)


def topic_model_shell(top_n_words: int = 10):
    """An unfitted BERTopic that takes the topics it is given (``fit(..., y=topics)``):
    no reduction, no clustering of its own."""
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction

    return BERTopic(umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(),
                    vectorizer_model=whitespace_vectorizer(), top_n_words=top_n_words,
                    min_topic_size=2, calculate_probabilities=False, verbose=False)


ONLINE_UNITS = 500_000


def fit_topics_online(docs, embeddings, nr_topics=None, seed: int = 42,
                      batch_size: int = 20_000):
    """BERTopic's online mode: ``partial_fit`` batch by batch.

    IncrementalPCA (5-d) stands in for UMAP, MiniBatchKMeans for HDBSCAN, and
    BERTopic's OnlineCountVectorizer splits on whitespace (the words shown are
    attached afterwards, as for the other sizes). Returns
    ``(model, topics, choice)`` with the topic of every unit, batch after batch.
    """
    from bertopic import BERTopic
    from bertopic.vectorizers import OnlineCountVectorizer
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import IncrementalPCA

    k = 20 if nr_topics in (None, "auto") else int(nr_topics)
    n = len(docs)
    batch_size = max(batch_size, k, 5)
    online_vectorizer = OnlineCountVectorizer(analyzer=str.split, decay=0.01)
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


def fit_topics(docs, embeddings, nr_topics=None, seed: int = 42, space=None,
               online: bool | None = None, max_topics: int = 16):
    """Fit the topics of ``docs``; returns ``(model, topics, choice)``.

    ``space`` is the representation the topics are clustered in
    (:func:`analysis.topics.clustering.topic_space`; default: the embeddings). The
    topics come from :class:`analysis.topics.clustering.StableKMeans` (k given, or
    chosen by stability); BERTopic then holds them and their c-TF-IDF words.
    ``model`` is ``None`` below 3 units (all in topic 0).
    """
    from analysis.topics.clustering import StableKMeans

    n = len(docs)
    if online or (online is None and n >= ONLINE_UNITS):
        return fit_topics_online(list(docs), embeddings, nr_topics, seed)
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
                   f"agreement between fits on subsamples over a null sample was "
                   f"{max(gains.values()):.2f})")
            reason = "no split of these units is more stable than chance"
        else:
            real, chance = clusterer.scores_[clusterer.n_clusters_]
            how = (f"k-means, k={clusterer.n_clusters_} chosen by stability under "
                   f"resampling (agreement between fits on subsamples {real:.2f} against "
                   f"{chance:.2f} on a null sample; k from {tried[0]} to {tried[-1]} tried)")
            reason = "the number of topics whose partition is most stable beyond chance"
    else:
        found = len(np.unique(topics))
        how, reason = f"k-means, k={k}", "a fixed number of topics was asked for"
        if found < k:  # more topics asked for than these units can give
            how = (f"k-means, k={found} ({k} topics were asked for; the {n} units give "
                   f"{found} distinct groups)")
            reason = "a fixed number of topics was asked for, more than the units allow"
    choice = Choice(f"corpus of {n} units", "no reduction (language-centred vectors)",
                    how, reason)
    model = topic_model_shell()
    with quiet_bertopic():
        model.fit(list(docs), embeddings=np.asarray(embeddings, dtype=np.float64),
                  y=topics.tolist())
        if not np.array_equal(np.asarray(model.topics_), topics):
            # BERTopic re-sorts equal-sized topics with an unstable sort: put ours back
            model.update_topics(list(docs), topics=topics.tolist(),
                                vectorizer_model=whitespace_vectorizer())
    return model, topics, choice
