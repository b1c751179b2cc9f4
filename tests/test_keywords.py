import numpy as np

from analysis.keywords.distinctive import log_odds_dirichlet

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


def test_log_odds_prefers_group_terms():
    z, delta = log_odds_dirichlet([10, 1, 5], [1, 10, 5])
    assert z[0] > 0 > z[1] and abs(z[2]) < 1e-9
    z2, _ = log_odds_dirichlet([100, 10, 50], [10, 100, 50])
    assert z2[0] > z[0]  # more evidence, larger z


def test_distinctive_terms(keywords):
    """Each document's distinctive terms: its own counts against the rest, scored
    by the log-odds with the corpus as prior, strongest first, each seen at least
    twice in the document."""
    table = keywords.distinctive
    top = table[table["target"].str.startswith("004")]["label"].tolist()[:5]
    assert "économie numérique" in top or "numérique" in top
    counts, units, vocabulary = keywords.counts, keywords.units, keywords.vectorizer.vocabulary_
    assert set(table["target"]) == set(units["doc_id"])
    for target, rows in table.groupby("target"):
        in_target = (units["doc_id"] == target).to_numpy()
        a = np.asarray(counts[in_target].sum(axis=0)).ravel()
        b = np.asarray(counts[~in_target].sum(axis=0)).ravel()
        z, _ = log_odds_dirichlet(a, b, prior=a + b)
        columns = [vocabulary[t] for t in rows["term"]]
        assert rows["count_target"].tolist() == a[columns].tolist()
        assert rows["count_other"].tolist() == b[columns].tolist()
        assert np.allclose(rows["z"], z[columns], atol=1e-4)
        assert (rows["count_target"] >= 2).all() and rows["z"].is_monotonic_decreasing
        assert len(rows) == min(10, int(((a >= 2) & (z > 0)).sum()))


def test_distinctive_terms_leave_out_rare_and_rest_terms():
    """A term seen once in the group, or used more by the rest, is not distinctive."""
    from scipy import sparse

    from analysis.keywords.tfidf import distinctive_terms
    from analysis.text.vectorize import LanguageAwareCountVectorizer

    vec = LanguageAwareCountVectorizer(languages=("en",), max_n=1)
    vec.fit([("factory robot harbour", "en")])  # columns: factory, harbour, robot
    counts = sparse.csr_matrix([[5, 0, 1], [4, 2, 0], [0, 9, 1], [0, 8, 0]])
    table = distinctive_terms(counts, ["a", "a", "b", "b"], "a", vec)
    assert table["term"].tolist() == ["factory"]  # robot: once in a; harbour: more in b
    assert table[["count_target", "count_other"]].values.tolist() == [[9, 0]]
    assert table["other"].tolist() == ["rest"]


def test_language_detection(keywords):
    langs = keywords.units.groupby("doc_id")["language"].agg(lambda s: s.mode()[0])
    assert [langs[k] for k in sorted(langs.index)] == ["fr", "en", "en", "fr", "fr"]
    from analysis.text.language import LanguageDetector

    assert LanguageDetector().detect(["Habari za leo ni kwamba serikali imetangaza mpango "
                                      "mpya wa elimu kwa watoto wote nchini"]) == ["und"]


def test_tfidf_is_sublinear_smoothed_and_normalised(keywords):
    """The keyword weights are (1 + log tf) * (log((1 + n) / (1 + df)) + 1), each
    unit's row scaled to unit length: a term repeated in one long article does not
    drown the others."""
    counts = keywords.counts.toarray().astype(np.float64)
    n = counts.shape[0]
    tf = np.where(counts > 0, 1 + np.log(np.where(counts > 0, counts, 1)), 0.0)
    idf = np.log((1 + n) / (1 + (counts > 0).sum(axis=0))) + 1
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    expected = np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
    np.testing.assert_allclose(keywords.tfidf.toarray(), expected, rtol=1e-12, atol=1e-15)
    assert (counts > 1).any()  # the corpus has repeated terms, so sublinear_tf shows
