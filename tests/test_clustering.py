"""StableKMeans, the topic space and guidance: each property on data where the
answer is known."""

import numpy as np
import pytest

from analysis.topics.clustering import (
    MIN_LEXICAL_TERMS,
    StableKMeans,
    gaussian_null,
    order_by_size,
    soft_knn_smooth,
    topic_space,
)
from analysis.topics.guidance import coverage, density, guide, use_guidance


def _blobs(k=4, per=40, dim=32, spread=0.25, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    X = np.vstack([c + spread * rng.normal(size=(per, dim)) for c in centres])
    return X / np.linalg.norm(X, axis=1, keepdims=True), np.repeat(np.arange(k), per)


@pytest.mark.parametrize("k", [3, 4, 6])
def test_auto_finds_the_number_of_overlapping_groups(k):
    """Groups that overlap as topics in an embedding space do. (Known limit, said in
    the module: on a few tight, far-apart blobs the null inherits their layout and
    k can come out too small.)"""
    from sklearn.metrics import adjusted_rand_score

    X, truth = _blobs(k=k, per=60, spread=0.8, seed=k)
    model = StableKMeans(random_state=1).fit(X)
    assert model.n_clusters_ == k
    assert adjusted_rand_score(truth, model.labels_) > 0.9


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_one_gaussian_cloud_is_one_topic(seed):
    """Raw stability always favours k = 2 on a cloud; against the null no k gains
    enough, so the units stay one topic."""
    X = np.random.default_rng(seed).normal(size=(300, 16))
    model = StableKMeans(random_state=0).fit(X)
    assert model.n_clusters_ == 1 and set(model.labels_) == {0}
    assert max(real - chance for real, chance in model.scores_.values()) < 0.15


def test_labels_are_ordered_by_size_then_first_position():
    assert order_by_size(np.array([5, 5, 2, 2, 2, 9, 9])).tolist() == [1, 1, 0, 0, 0, 2, 2]
    # equal sizes: the cluster seen first gets the smaller id, whatever its raw label
    assert order_by_size(np.array([7, 7, 1, 1])).tolist() == [0, 0, 1, 1]
    assert order_by_size(np.array([1, 1, 7, 7])).tolist() == [0, 0, 1, 1]


def test_fixed_k_and_predict():
    X, truth = _blobs(k=3)
    model = StableKMeans(n_clusters=3).fit(X)
    assert model.n_clusters_ == 3 and model.scores_ == {}
    assert np.array_equal(model.predict(X), model.labels_)


def test_noise_of_one_part_in_a_million_moves_nothing():
    X, _ = _blobs(k=5, per=60, spread=0.6, seed=11)
    ref = StableKMeans(random_state=0).fit(X).labels_
    rng = np.random.default_rng(0)
    for _ in range(5):
        noisy = X * (1 + 1e-6 * rng.standard_normal(X.shape))
        assert np.array_equal(StableKMeans(random_state=0).fit(noisy).labels_, ref)


def test_soft_smoothing_is_continuous_at_the_cut_off():
    """Two neighbours of the first point swap places around the cut-off (one
    neighbour kept): the first point's smoothed vector barely moves, where a
    hard nearest-neighbour mean would jump from one neighbour to the other."""
    def points(d):
        X = np.array([[1.0, 0, 0], [1.0, 0.5 + d, 0], [1.0, 0, 0.5]])
        return X / np.linalg.norm(X, axis=1, keepdims=True)

    near_a = soft_knn_smooth(points(-1e-6), n_neighbors=1)[0]
    near_b = soft_knn_smooth(points(+1e-6), n_neighbors=1)[0]
    assert np.abs(near_a - near_b).max() < 1e-5
    hard_jump = np.abs(points(0)[1] - points(0)[2]).max()
    assert hard_jump > 0.3
    assert np.allclose(np.linalg.norm(near_a), 1.0)


def test_null_has_the_geometry_of_the_data():
    """The null lives in the data's own space: same mean and covariance (up to
    sampling), not pushed onto the sphere, and the same for the same seed."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2000, 3)) * [5.0, 1.0, 0.2] + [1.0, -2.0, 0.0]
    null = gaussian_null(X, 0)
    assert null.shape == X.shape
    assert np.allclose(null.mean(axis=0), X.mean(axis=0), atol=0.3)
    assert np.allclose(null.std(axis=0), X.std(axis=0), rtol=0.1)
    assert not np.allclose(np.linalg.norm(null, axis=1), 1.0)
    assert np.array_equal(null, gaussian_null(X, 0))


def test_topic_space_uses_words_for_one_language_only():
    from scipy import sparse

    X, _ = _blobs(k=2, per=20)
    counts = sparse.csr_matrix(np.random.default_rng(0).poisson(1.5, size=(40, 60)))
    one = topic_space(X, ["en"] * 40, counts)
    two = topic_space(X, ["en", "fr"] * 20, counts)
    assert one.shape[1] > X.shape[1]  # embedding + lexical part
    assert two.shape[1] == X.shape[1]  # mixed languages: embedding only
    # units as short as headlines (about 8 distinct terms each): embedding only
    short = sparse.csr_matrix(np.random.default_rng(0).poisson(0.15, size=(40, 60)))
    assert np.median(short.getnnz(axis=1)) < MIN_LEXICAL_TERMS
    assert topic_space(X, ["en"] * 40, short).shape[1] == X.shape[1]


def test_guidance_only_where_the_themes_fit():
    hits = np.array([[1, 0], [0, 2], [0, 0], [3, 0]])
    about_them = np.full((4, 5), 2)  # 40 term occurrences, 6 of them theme terms
    about_else = np.full((4, 100), 2)  # 800 occurrences, the same 6 theme terms
    assert coverage(hits) == 0.75 and density(hits, about_them) == 6 / 40
    assert use_guidance("auto", hits, about_them)[0] is True
    assert use_guidance("auto", hits, about_else)[0] is False
    assert use_guidance("off", hits, about_them)[0] is False
    assert use_guidance("on", hits, about_else)[0] is True
    with pytest.raises(Exception, match="--guided"):
        use_guidance("sometimes", hits, about_them)
    X = np.eye(4)
    pulled = guide(X, hits, np.array([[0, 0, 0, 1.0], [0, 0, 1.0, 0]]))
    assert np.array_equal(pulled[2], X[2])  # no hit: unchanged
    assert pulled[0, 3] > 0 and pulled[1, 2] > 0  # pulled towards its theme
    assert np.allclose(np.linalg.norm(pulled, axis=1), 1.0)


def test_resampled_fits_side_by_side_give_the_labels_of_one_thread():
    # the choice of k fits its subsamples on a thread pool, one OpenMP thread a fit:
    # the labellings are those of the same fits one after the other, in order
    from threadpoolctl import threadpool_info, threadpool_limits

    from analysis.topics.clustering import _kmeans, in_parallel, resampled_labellings

    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(c, 1.0, (60, 5)) for c in (0.0, 3.0, 6.0)])
    blas_before = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    got = resampled_labellings(X, 3, n_resamples=6, random_state=7)
    draw = np.random.default_rng(7)
    size = int(round(0.8 * len(X)))
    with threadpool_limits(limits=1):
        want = [_kmeans(X[np.sort(draw.choice(len(X), size, replace=False))], 3, 7 + r)
                .predict(X) for r in range(6)]
    assert len(got) == 6
    for a, b in zip(got, want):
        assert np.array_equal(a, b)
    assert [p["num_threads"] for p in threadpool_info()
            if p["user_api"] == "blas"] == blas_before  # the limit is lifted afterwards
    assert in_parallel(lambda i: i * i, range(7), workers=3) == [i * i for i in range(7)]
    assert in_parallel(lambda i: i, [], workers=2) == []
