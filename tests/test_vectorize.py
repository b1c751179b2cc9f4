"""The language-aware analyser and vectorisers (analysis.text)."""

import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from analysis.text.analyzer import TextAnalyzer
from analysis.text.vectorize import (
    LanguageAwareCountVectorizer,
    LanguageAwareTfidfVectorizer,
    display_names,
)

DOCS = [("Digital economy grows fast in China.", "en"),
        ("The digital economy of China and its new factories.", "en"),
        ("L'économie numérique progresse en Chine.", "fr"),
        ("Les usines intelligentes de la Chine.", "fr")]


def test_analyzer_phrases_lemmas_acronyms():
    a = TextAnalyzer(languages=("fr", "en"))
    fr = a("l'intégration de l'économie réelle et de l'économie numérique", "fr")
    assert "économie numérique" in fr and "économie réel" in fr
    assert "réel économie" not in fr  # no phrase across a stop word
    en = a("AI governance and new quality productive forces, he said", "en")
    assert "ai" in en and "new quality productive" in en and "say" not in en
    assert a("les usines", "fr") == ["usine"]


def test_analyser_pickles_without_its_memo():
    analyzer = TextAnalyzer(("en",), max_n=2)
    terms = analyzer("Digital economy grows fast.", "en")
    blob = pickle.dumps(analyzer)
    assert b"grows" not in blob  # the memo of resolved tokens stays behind
    assert pickle.loads(blob)("Digital economy grows fast.", "en") == terms


def test_counts_are_scikit_learns_on_the_analysed_terms():
    """The vectoriser's fast path gives the matrix and vocabulary scikit-learn's
    CountVectorizer gives on the same analysed terms."""
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
    X = vec.fit_transform(DOCS)
    analyzer = vec.make_text_analyzer()
    reference = CountVectorizer(analyzer=lambda doc: analyzer(*doc))
    expected = reference.fit_transform(DOCS)
    assert vec.vocabulary_ == reference.vocabulary_
    assert X.dtype == np.int64 and (X != expected).nnz == 0
    assert X[2, vec.vocabulary_["économie numérique"]] == 1


def test_document_frequency_limits_keep_their_meaning():
    """min_df=1.0 (every document) and max_df=1 (one document) are limits, not the
    defaults min_df=1 and max_df=1.0 they compare equal to."""
    docs = [("apple banana cherry", "en"), ("apple melon grape", "en"),
            ("apple lemon plum", "en")]
    every = LanguageAwareCountVectorizer(languages=("en",), max_n=1, min_df=1.0).fit(docs)
    assert sorted(every.vocabulary_) == ["apple"]
    once = LanguageAwareCountVectorizer(languages=("en",), max_n=1, max_df=1).fit(docs)
    assert "apple" not in once.vocabulary_ and "banana" in once.vocabulary_
    default = LanguageAwareCountVectorizer(languages=("en",), max_n=1).fit(iter(docs))
    assert len(default.vocabulary_) == 7


def test_vectorizer_rejects_a_string_and_checks_its_parameters():
    vec = LanguageAwareTfidfVectorizer(max_n=2, languages=("en",))
    with pytest.raises(ValueError, match="string object received"):
        vec.fit("a string")
    with pytest.raises(ValueError, match="max_n"):
        LanguageAwareCountVectorizer(max_n="two").fit(DOCS)


def test_tfidf_vectorizer_is_sublinear_by_default():
    """A term repeated in one unit weighs 1 + log(count), not count."""
    docs = [("economy economy economy growth", "en"), ("growth rates", "en")]
    vec = LanguageAwareTfidfVectorizer(languages=("en",), max_n=1, norm=None, use_idf=False)
    X = vec.fit_transform(docs).toarray()
    assert X[0, vec.vocabulary_["economy"]] == pytest.approx(1 + np.log(3))
    assert X[0, vec.vocabulary_["growth"]] == pytest.approx(1.0)


def test_display_names_are_forms_written_in_the_text():
    vec = LanguageAwareCountVectorizer(languages=("fr",), max_n=2)
    vec.fit([("L'intelligence artificielle progresse.", "fr")])
    assert vec.display_name("intelligence artificiel") == "intelligence artificielle"
    assert vec.display_name("progresser") == "progresse"  # the lemma is not in the text
    assert vec.display_name("absent") == "absent"


def test_display_names_count_the_occurrences_written_as_the_term():
    """Forms written as the term itself are not recorded one by one: the totals
    give them, so a frequent lemma-shaped form beats a rarer inflected one."""
    vocabulary = {"usine": 0}
    counts = {("usine", "usines"): 2}
    assert display_names(vocabulary, counts).tolist() == ["usines"]
    assert display_names(vocabulary, counts, totals=[5]).tolist() == ["usine"]


def test_display_names_take_the_most_frequent_surface_form():
    """In column order; the most frequent surface form of each term, else the term."""
    vocabulary = {"usine": 1, "intelligence artificiel": 0, "chine": 2}
    counts = {("intelligence artificiel", "intelligence artificielle"): 3,
              ("intelligence artificiel", "Intelligence Artificielle"): 1,
              ("usine", "usines"): 2, ("usine", "Usines"): 2, ("absent", "x"): 9}
    assert display_names(vocabulary, counts).tolist() == [
        "intelligence artificielle", "usines", "chine"]


def test_set_vocabulary_gives_the_fitted_state():
    """A vocabulary built elsewhere (the Dask back end) leaves the vectoriser as
    fitting it would: same columns, same display names, same matrix."""
    fitted = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
    counts = fitted.fit_transform(DOCS)
    analyzer = fitted.make_text_analyzer()
    analyzer.surface_counts = {}
    for text, lang in DOCS:
        analyzer(text, lang)
    other = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
    totals = np.asarray(counts.sum(axis=0)).ravel()
    assert other.set_vocabulary(dict(fitted.vocabulary_), analyzer.surface_counts,
                                totals) is other
    assert list(other.display_names_) == list(fitted.display_names_)
    assert (other.transform(DOCS) != counts).nnz == 0


def test_a_short_unit_keeps_its_documents_language():
    """A headline that the detector alone calls German stays English in an English
    article; a real paragraph in another language keeps its own."""
    from analysis.io.corpus import Corpus, make_document
    from analysis.text.language import LanguageDetector
    from analysis.text.units import MIN_SWITCH_WORDS, build_units

    headline = "Deutsche Telekom sees mobile gain"
    french = ("Le ministre a présenté jeudi un nouveau plan pour les écoles rurales du pays, "
              "avec des crédits pour les enseignants et les transports scolaires.")
    assert LanguageDetector().detect([headline]) == ["de"]  # the case being guarded
    assert len(french.split()) >= MIN_SWITCH_WORDS
    text = (f"{headline}\n\nGerman telecoms firm Deutsche Telekom saw strong fourth quarter "
            "profits on the back of upbeat US mobile earnings and better-than-expected asset "
            f"sales, the company said on Tuesday.\n\n{french}\n\n{headline}\n\nAnalysts said "
            "the results were better than expected and the shares rose in early trading in "
            "Frankfurt.")
    units = build_units(Corpus([make_document("d", "d.txt", text)]), "paragraph")
    # the headline opens the first unit (analysis.text.segment.join_headline); the
    # same words further down are a short paragraph of their own, in English
    assert units["text"][0].startswith(f"{headline}\nGerman telecoms firm")
    assert units["text"][2] == headline
    assert list(units["language"]) == ["en", "fr", "en", "en"]


# -- counting word ids with numpy (analysis.text.ngrams) --------------------------------

MIXED = DOCS + [
    ("Le pouvoir d'achat des ménages recule. Selon l'Institut national, L'Europe et "
     "l'Europe du Nord d'Europe freinent. Harvey Weinstein's lawyers, the Critics' Circle "
     "and the US and AI firms met. AI rules! COVID-19 hit 13e arrondissement.", "fr"),
    ("Harvey Weinstein was convicted. Economy news: the economy grows. The Prime "
     "Minister's office, the prime minister and Mr Blair's plans for Wales.", "en"),
    ("Economy economy ECONOMY. Wales wales.", "en"),
    # a headline above its paragraph, a title-case line, names cut by phrases
    ("Ad sales boost Time Warner profit\nQuarterly profits at Time Warner rose. The "
     "Labour leader Keir Starmer met fellow Brit Tom Jones and Prime Minister Tony Blair."
     "\nSluggish Economy Hits German Jobs\nPrésidentielle Côte d'Ivoire reportée\n"
     "wrapped line goes on", "en"),
    ("the of and", "en"),  # nothing but stop words
    ("", "en"),
]


def _fitted(docs, fast: bool, **options):
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), **options)
    if not fast:
        vec._count_word_ids = lambda documents: None  # the analysed strings instead
    return vec, vec.fit_transform(docs)


@pytest.mark.parametrize("options", [{}, {"max_n": 1}, {"max_n": 2}, {"max_n": 4},
                                     {"cross_elision": False}, {"binary": True},
                                     {"extra_stopwords": ("economy",)}])
def test_word_id_counts_are_the_analysed_strings_counts(options):
    """The numpy count of word ids gives the matrix, vocabulary and written forms
    that counting each document's analysed terms gives."""
    (fast, X), (slow, expected) = _fitted(MIXED, True, **options), _fitted(MIXED, False, **options)
    assert fast.vocabulary_ == slow.vocabulary_
    assert X.dtype == expected.dtype and (X != expected).nnz == 0
    assert X.has_sorted_indices
    assert list(fast.display_names_) == list(slow.display_names_)
    assert fast.surface_forms_ == slow.surface_forms_


def test_word_id_counts_on_the_bundled_corpus(keywords):
    texts = list(zip(keywords.units["text"], keywords.units["language"]))
    (fast, X), (slow, expected) = _fitted(texts, True), _fitted(texts, False)
    assert fast.vocabulary_ == slow.vocabulary_ and (X != expected).nnz == 0
    assert list(fast.display_names_) == list(slow.display_names_)
    assert fast.display_name("pouvoir achat") in {"pouvoir d'achat", "pouvoir achat"}


def test_word_id_counts_of_plain_strings_detect_each_language():
    texts = [text for text, _ in MIXED]
    (fast, X), (slow, expected) = _fitted(texts, True), _fitted(texts, False)
    assert fast.vocabulary_ == slow.vocabulary_ and (X != expected).nnz == 0
    assert list(fast.display_names_) == list(slow.display_names_)


def test_word_ids_break_at_stop_words_and_sentences():
    analyzer = TextAnalyzer(("en",))
    ids = analyzer.word_ids("Digital economy grows. The economy.", "en")
    words = [analyzer.word_registry()[i][0] if i >= 0 else None for i in ids]
    assert words == ["digital", "economy", "grow", None, None, "economy", None]
    # a sentence end (after which a capital says nothing) and a stop word
    assert [i for i in ids if i < 0] == [-2, -1, -2]
    assert analyzer.word_registry()[ids[5]] == analyzer._resolve("economy", "en", False)


def test_count_ngrams_declines_codes_past_int64():
    from analysis.text.ngrams import count_ngrams

    registry = [("w", "w", "w", "w", "w", None, False)] * 2 ** 21
    assert count_ngrams([[0, 1, 2]], registry, max_n=3) is None
    X, vocabulary, _ = count_ngrams([[0, 1, 2]], registry, max_n=2)
    assert vocabulary == {"w": 0, "w w": 1} and X.toarray().tolist() == [[3, 2]]


def test_only_stop_words_is_an_empty_vocabulary():
    for fast in (True, False):
        with pytest.raises(ValueError, match="empty vocabulary"):
            _fitted([("the of and", "en"), ("", "en")], fast)
