import numpy as np
import pytest
from sklearn.base import clone

from analysis.distinctive import log_odds_dirichlet
from analysis.text import TextAnalyzer
from analysis.vectorize import LanguageAwareCountVectorizer, LanguageAwareTfidfVectorizer

BANNED = {"prnewswire", "speed", "a déclaré", "déclarer", "the", "said", "say", "de", "le",
          "la", "xi", "jinping", "video", "vidéo"}


def _labels(table, prefix):
    rows = table[table["group"].str.startswith(prefix)]
    return list(rows.sort_values("rank")["label"])


def test_expected_keywords(keywords):
    table = keywords.by_document
    digital = _labels(table, "004")
    assert "économie numérique" in digital or "numérique" in digital
    industry = set(_labels(table, "003"))
    assert industry & {"industriel", "industrie", "fabrication", "industrialisation",
                       "chaînes industrielles"}
    for group, rows in table.groupby("group"):
        words = set(rows["label"]) | set(rows["term"])
        assert not words & BANNED, (group, words & BANNED)
        assert len(rows) == 10


def test_analyzer_phrases_lemmas_acronyms():
    a = TextAnalyzer(languages=("fr", "en"))
    fr = a("l'intégration de l'économie réelle et de l'économie numérique", "fr")
    assert "économie numérique" in fr and "économie réel" in fr
    assert "réel économie" not in fr  # no phrase across a stop word
    en = a("AI governance and new quality productive forces, he said", "en")
    assert "ai" in en and "new quality productive" in en and "say" not in en
    assert a("les usines", "fr") == ["usine"]


def test_vectorizer_is_sklearn_estimator():
    vec = LanguageAwareTfidfVectorizer(max_n=2, languages=("en",))
    params = vec.get_params()
    assert params["max_n"] == 2 and params["languages"] == ("en",)
    X = clone(vec).fit_transform(["digital economy grows", "the digital economy of China"])
    assert X.shape[0] == 2
    with pytest.raises(ValueError):
        vec.fit("a string")


def test_display_names_are_surface_phrases():
    vec = LanguageAwareCountVectorizer(languages=("fr",), max_n=2)
    vec.fit([("L'intelligence artificielle progresse.", "fr")])
    assert vec.display_name("intelligence artificiel") == "intelligence artificielle"
    assert vec.display_name("progresser") == "progresser"


def test_log_odds_prefers_group_terms():
    z, delta = log_odds_dirichlet([10, 1, 5], [1, 10, 5])
    assert z[0] > 0 > z[1] and abs(z[2]) < 1e-9
    z2, _ = log_odds_dirichlet([100, 10, 50], [10, 100, 50])
    assert z2[0] > z[0]  # more evidence, larger z


def test_distinctive_terms(keywords):
    table = keywords.distinctive
    top = table[table["target"].str.startswith("004")]["label"].tolist()[:5]
    assert "économie numérique" in top or "numérique" in top
    assert (table["z"] > 0).all()


def test_language_detection(keywords):
    langs = keywords.units.groupby("doc_id")["language"].agg(lambda s: s.mode()[0])
    assert [langs[k] for k in sorted(langs.index)] == ["fr", "en", "en", "fr", "fr"]
    from analysis.language import LanguageDetector

    assert LanguageDetector().detect(["Habari za leo ni kwamba serikali imetangaza mpango "
                                      "mpya wa elimu kwa watoto wote nchini"]) == ["und"]


def test_tfidf_rows_normalised(keywords):
    norms = np.sqrt(np.asarray(keywords.tfidf.multiply(keywords.tfidf).sum(axis=1))).ravel()
    assert np.allclose(norms[norms > 0], 1.0)
