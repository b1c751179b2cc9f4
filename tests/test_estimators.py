"""The package's estimators follow scikit-learn's conventions: parameters in
``__init__`` only, ``clone`` and ``get_params``/``set_params``, ``fit`` returning
``self`` and fitted state in attributes ending in ``_``."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.utils.estimator_checks import parametrize_with_checks
from sklearn.utils.validation import check_is_fitted

from analysis.text.vectorize import LanguageAwareCountVectorizer, LanguageAwareTfidfVectorizer
from analysis.themes.lexicon import load_themes
from analysis.themes.scorer import ThemeScorer
from analysis.topics.clustering import StableKMeans

DOCS = [("The digital economy grows in China.", "en"),
        ("L'économie numérique progresse en Chine.", "fr")]


def _estimators():
    """One of each, with parameters away from their defaults."""
    return [
        StableKMeans(n_clusters=3, n_restarts=3, scan_dims=None, random_state=7),
        ThemeScorer(themes=load_themes()[:2], w_terms=0.5, floor=0.2),
        LanguageAwareCountVectorizer(languages=("fr",), max_n=2, extra_stopwords=("dit",),
                                     min_df=2, max_features=50),
        LanguageAwareTfidfVectorizer(languages=("en",), max_n=1, sublinear_tf=False,
                                     norm=None),
    ]


def _blobs(k=3, per=20, dim=8, seed=0):
    rng = np.random.default_rng(seed)
    centres = 5 * rng.normal(size=(k, dim))
    return np.vstack([c + rng.normal(size=(per, dim)) for c in centres])


@pytest.mark.parametrize("estimator", _estimators(), ids=lambda e: type(e).__name__)
def test_clone_and_params_round_trip(estimator):
    """``clone`` gives an equal, independent, unfitted estimator; ``get_params``
    rebuilds it and ``set_params`` sets it back."""
    params = estimator.get_params()
    twin = clone(estimator)
    assert type(twin) is type(estimator) and twin is not estimator
    assert twin.get_params() == params
    assert type(estimator)(**params).get_params() == params
    # __init__ stores its parameters and nothing else; the vectorisers also keep the
    # scikit-learn parent's other parameters, which they fix (lowercase=False...)
    parent = next((c for c in (TfidfVectorizer, CountVectorizer) if isinstance(estimator, c)),
                  None)
    fixed = set(parent().get_params()) - set(params) if parent else set()
    assert set(vars(estimator)) == set(params) | fixed
    default = type(estimator)()
    assert default.get_params() != params
    assert default.set_params(**params).get_params() == params


def test_clone_of_a_fitted_vectoriser_is_unfitted():
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2).fit(DOCS)
    twin = clone(vec)
    assert twin.get_params() == vec.get_params()
    with pytest.raises(NotFittedError):
        check_is_fitted(twin)
    check_is_fitted(vec)
    assert twin.fit(DOCS).vocabulary_ == vec.vocabulary_


def test_stable_kmeans_fit_conventions():
    """``fit`` returns ``self``, leaves the parameters alone and adds only attributes
    ending in ``_``; ``check_is_fitted`` fails before and passes after."""
    model = StableKMeans(n_clusters=3, n_restarts=2, random_state=7)
    before = dict(vars(model))
    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    with pytest.raises(NotFittedError):
        model.predict(np.zeros((2, 8)))
    X = _blobs()
    assert model.fit(X) is model
    check_is_fitted(model)
    added = set(vars(model)) - set(before)
    assert added >= {"labels_", "cluster_centers_", "n_clusters_", "scores_"}
    assert all(name.endswith("_") and not name.startswith("_") for name in added)
    assert {k: vars(model)[k] for k in before} == before
    assert model.labels_.shape == (len(X),) and model.cluster_centers_.shape == (3, 8)
    np.testing.assert_array_equal(clone(model).fit(X).labels_, model.labels_)


def test_theme_scorer_fit_conventions():
    """ThemeScorer's fitted state (lemmatised lexicons, description centroids) lives
    in ``_`` attributes; without an encoder there are no centroids."""
    scorer = ThemeScorer()
    with pytest.raises(NotFittedError):
        check_is_fitted(scorer)
    analyzer = LanguageAwareCountVectorizer(languages=("en", "fr")).make_text_analyzer()
    assert scorer.fit(analyzer, None) is scorer
    check_is_fitted(scorer)
    assert scorer.themes is None and scorer.centroids_ is None
    assert [t.key for t in scorer.themes_] == [t.key for t in load_themes()]
    assert len(scorer.terms_) == len(scorer.themes_)
    assert "économie numérique" in set().union(*scorer.terms_)


# scikit-learn's own estimator checks, on StableKMeans with k given and chosen.
@parametrize_with_checks([StableKMeans(n_clusters=3, n_restarts=2),
                          StableKMeans(n_restarts=2)])
def test_stable_kmeans_passes_scikit_learn_checks(estimator, check):
    check(estimator)
