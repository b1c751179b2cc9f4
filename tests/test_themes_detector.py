"""The theme detector (issue #21): each theme found or not on its own, specific
evidence, answers that do not depend on the rest of the corpus, explanations."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from analysis.errors import UserInputError
from analysis.text.vectorize import LanguageAwareCountVectorizer
from analysis.themes.detector import ThemeDetector
from analysis.themes.examples import resolve_example
from analysis.themes.explain import document_answers
from analysis.themes.lexicon import Theme
from analysis.themes.specificity import MIN_SPECIFIC, term_specificity

DIM = 997


def bag_encoder(texts):
    """Deterministic toy embeddings: a hashed bag of lower-cased words."""
    out = np.zeros((len(texts), DIM))
    for i, text in enumerate(texts):
        for word in text.lower().replace(",", " ").replace(".", " ").split():
            h = int(hashlib.sha1(word.encode()).hexdigest(), 16)
            out[i, h % DIM] += 1.0 if (h >> 8) % 2 else -1.0
    out[:, 0] += 0.01
    return out


CHIPS = Theme("chips", "Chips", {"en": "semiconductor chips wafers foundry"},
              {"en": ["semiconductor", "chip", "wafer", "data"]})
FARMS = Theme("farms", "Farms", {"en": "farming crops harvest tractors"},
              {"en": ["farming", "harvest", "tractor"]})
BACKGROUND = {"en": ["football match players goals", "film actors cinema music"]}
UNITS = pd.DataFrame({
    "unit_id": ["a1", "a2", "b1", "c1"],
    "doc_id": ["a", "a", "b", "c"],
    "language": ["en"] * 4,
    "n_words": [6, 4, 5, 5],
    "text": ["semiconductor wafer foundry chips output rises",
             "the players scored goals",
             "farming harvest tractors crops rise",
             "the data model was in the match"],
})


def analyzer():
    return LanguageAwareCountVectorizer(languages=("en",)).make_text_analyzer()


def detector(themes, **params):
    return ThemeDetector(themes, background=BACKGROUND, **params).fit(analyzer(), bag_encoder)


def detect(det, units=UNITS):
    return det.detect(units, bag_encoder(units["text"].tolist()), analyzer())


def test_fit_conventions():
    det = ThemeDetector([CHIPS], background=BACKGROUND)
    with pytest.raises(NotFittedError):
        check_is_fitted(det)
    assert det.fit(analyzer(), bag_encoder) is det
    assert det.themes == [CHIPS] and det.threshold == 1.5
    assert len(det.terms_) == 1 and det.centroids_.shape == (1, DIM)
    no_meaning = ThemeDetector([CHIPS]).fit(analyzer(), None)
    assert no_meaning.centroids_ is None and no_meaning.theme_vectors_ is None


def test_specificity_from_general_language():
    assert term_specificity("model", "en") < MIN_SPECIFIC <= term_specificity("semiconductor", "en")
    assert term_specificity("data", "en") == 0.0
    assert term_specificity("données", "fr") < MIN_SPECIFIC <= term_specificity("algorithme", "fr")
    assert term_specificity("数据", "zh") < MIN_SPECIFIC <= term_specificity("人工智能", "zh")
    # a phrase of common words is rarer than its words
    assert term_specificity("artificial intelligence", "en") > term_specificity(
        "intelligence", "en")


def test_generic_words_count_only_beside_specific_ones():
    det = detector([CHIPS])
    evidence, specific, generic = det.term_evidence([[["data"]], [["data", "semiconductor"]],
                                                     [["semiconductor"]]])
    assert evidence[0, 0] == 0.0 and specific[0][0] == [] and generic[0][0] == ["data"]
    assert evidence[1, 0] > evidence[2, 0] > 0.0


def test_one_generic_word_does_not_find_a_theme():
    found = detect(detector([CHIPS])).units.set_index("unit_id")
    assert not found.at["c1", "chips_found"]  # "data" alone
    assert found.at["a1", "chips_found"]


def test_themes_are_independent():
    alone = detect(detector([CHIPS])).documents.set_index("doc_id")
    both = detect(detector([CHIPS, FARMS])).documents.set_index("doc_id")
    cols = ["chips_found", "chips_confidence", "chips_share"]
    pd.testing.assert_frame_equal(alone[cols], both[cols])
    assert both.at["b", "farms_found"] and not both.at["b", "chips_found"]


def test_same_answer_alone_or_in_a_corpus():
    det = detector([CHIPS, FARMS])
    whole = detect(det).documents.set_index("doc_id")
    for doc in ("a", "b"):
        part = UNITS[UNITS["doc_id"] == doc].reset_index(drop=True)
        alone = detect(det, part).documents.set_index("doc_id")
        pd.testing.assert_frame_equal(alone.loc[[doc]], whole.loc[[doc]])


def test_document_answers_and_shares():
    table = pd.DataFrame({"doc_id": ["x", "x", "y"], "n_words": [30, 10, 5],
                          "t_found": [True, False, False], "t_confidence": [0.9, 0.2, 0.4]})
    docs = document_answers(table, ["t"]).set_index("doc_id")
    assert docs.at["x", "t_found"] and not docs.at["y", "t_found"]
    assert docs.at["x", "t_confidence"] == 0.9 and docs.at["x", "t_share"] == 0.75
    assert docs.at["y", "t_share"] == 0.0


def test_explanations_give_passage_terms_and_reason():
    result = detect(detector([CHIPS, FARMS]))
    ex = result.explanations.set_index(["doc_id", "theme"])
    assert len(ex) == 3 * 2
    hit = ex.loc[("a", "chips")]
    assert hit["found"] and hit["unit_id"] == "a1" and "semiconductor" in hit["specific_terms"]
    assert hit["passage"].startswith("semiconductor wafer") and hit["why"].startswith("found")
    miss = ex.loc[("c", "chips")]
    assert not miss["found"] and miss["why"].startswith("not found")
    assert "generic terms only (data)" in miss["why"]


def test_confidence_is_monotone_in_evidence():
    det = detector([CHIPS])
    conf = det.confidence(np.array([[-0.1], [0.0], [0.1]]), np.array([[0.0], [0.5], [1.0]]))
    assert np.all(np.diff(conf[:, 0]) > 0) and conf.min() >= 0 and conf.max() <= 1


def test_examples_name_documents_files_or_text(tmp_path):
    (tmp_path / "ex.txt").write_text("Export controls on chips.", encoding="utf-8")
    assert resolve_example("doc7", {"doc7": "the text"}) == "the text"
    assert resolve_example("ex.txt", None, tmp_path) == "Export controls on chips."
    assert resolve_example("A quoted passage.", None, tmp_path) == "A quoted passage."
    with pytest.raises(UserInputError, match="missing.txt"):
        resolve_example("missing.txt", None, tmp_path)


def test_a_theme_defined_by_examples_only(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text('[chips]\nlabel = "Chips"\nexamples = ["semiconductor wafer foundry"]\n',
                    encoding="utf-8")
    from analysis.themes.lexicon import load_themes

    (theme,) = load_themes(path)
    assert theme.examples == ["semiconductor wafer foundry"] and theme.terms == {}
    det = ThemeDetector([theme], background=BACKGROUND).fit(analyzer(), bag_encoder)
    found = detect(det).documents.set_index("doc_id")
    assert found.at["a", "chips_confidence"] > found.at["b", "chips_confidence"]


def test_terms_are_read_as_the_text_reads_them():
    from analysis.themes.detector import term_lemma

    an = analyzer()
    # an acronym alone is not lower-cased into a stop word ("ai" as in Italian)
    assert term_lemma(an, "AI", "en") == "ai"
    # a phrase the analyser would read without one of its words is not read by it, so
    # "large model" does not become the generic "model": it is matched as written
    assert term_lemma(an, "large model", "en") is None
    assert term_lemma(an, "artificial intelligence", "en") == "artificial intelligence"
    theme = Theme("ai", "AI", {"en": "artificial intelligence rules"},
                  {"en": ["AI", "large model", "algorithm"]})
    det = ThemeDetector([theme], background=BACKGROUND).fit(an, None)
    assert set(det.terms_[0]) == {"ai", "algorithm", "large model"}
    assert set(det.raw_terms_[0]) == {"large model"}
    units = pd.DataFrame({"unit_id": ["a1", "b1"], "doc_id": ["a", "b"],
                          "language": ["en", "en"], "n_words": [6, 5],
                          "text": ["a large model of the economy", "the model of the economy"]})
    found = det.detect(units, np.zeros((2, 3)), an).units.set_index("unit_id")
    assert found.at["a1", "ai_terms"] == "large model" and found.at["b1", "ai_terms"] == ""


def test_generic_words_count_beside_a_positive_margin():
    det = detector([CHIPS])
    matched = [[["data"]], [["data"]]]
    evidence, _, _ = det.term_evidence(matched, np.array([[-0.01], [0.02]]))
    assert evidence[0, 0] == 0.0 and evidence[1, 0] > 0.0


REGULATED = Theme("chip_rules", "Chip rules", {"en": "semiconductor wafer foundry rules"},
                  {"en": ["semiconductor", "wafer", "foundry"]},
                  requires={"en": ["foundry"]})


def test_a_required_term_must_be_named_in_the_document():
    units = pd.DataFrame({
        "unit_id": ["a1", "a2", "b1"], "doc_id": ["a", "a", "b"], "language": ["en"] * 3,
        "n_words": [4, 3, 4],
        "text": ["semiconductor wafer output rises", "the foundry opened",
                 "semiconductor wafer output rises"]})
    det = ThemeDetector([REGULATED], background=BACKGROUND).fit(analyzer(), bag_encoder)
    result = detect(det, units)
    docs = result.documents.set_index("doc_id")
    unit = result.units.set_index("unit_id")
    # the same passage: found in the document that names "foundry" (in another unit),
    # not in the one that does not
    assert unit.at["a1", "chip_rules_found"] and not unit.at["b1", "chip_rules_found"]
    assert docs.at["a", "chip_rules_found"] and not docs.at["b", "chip_rules_found"]
    assert docs.at["b", "chip_rules_confidence"] < 0.5
    why = result.explanations.set_index(["doc_id", "theme"]).at[("b", "chip_rules"), "why"]
    assert "names none of the terms the theme requires" in why
    # without the requirement, both are found
    free = ThemeDetector([Theme(REGULATED.key, REGULATED.label, REGULATED.descriptions,
                                REGULATED.terms)], background=BACKGROUND)
    docs = detect(free.fit(analyzer(), bag_encoder), units).documents.set_index("doc_id")
    assert docs["chip_rules_found"].all()


def test_a_contrast_subject_is_compared_against_like_the_background():
    text = "semiconductor wafer foundry chips output rises"
    plain = detect(detector([CHIPS])).explanations.set_index(["doc_id", "theme"])
    contrasted = Theme(CHIPS.key, CHIPS.label, CHIPS.descriptions, CHIPS.terms,
                       contrasts={"en": [text]})
    ex = detect(detector([contrasted])).explanations.set_index(["doc_id", "theme"])
    assert ex.at[("a", "chips"), "nearest_ordinary_subject"] == text
    assert ex.at[("a", "chips"), "background_cosine"] > plain.at[("a", "chips"),
                                                                  "background_cosine"]
    assert ex.at[("a", "chips"), "confidence"] < plain.at[("a", "chips"), "confidence"]


def test_themes_file_reads_requires_and_contrast(tmp_path):
    from analysis.themes.lexicon import load_themes

    path = tmp_path / "themes.toml"
    path.write_text('[chips]\nlabel = "Chips"\nterms = ["chip"]\nrequires.en = ["foundry"]\n'
                    'contrast.en = ["Gadget reviews"]\n', encoding="utf-8")
    (theme,) = load_themes(path)
    assert theme.requires == {"en": ["foundry"]} and theme.contrasts == {"en": ["Gadget reviews"]}
    path.write_text('[chips]\nterms = ["chip"]\nrequires = 3\n', encoding="utf-8")
    with pytest.raises(UserInputError, match="requires"):
        load_themes(path)


def test_built_in_ai_governance_requires_ai():
    from analysis.themes.lexicon import load_themes

    themes = {t.key: t for t in load_themes()}
    assert "artificial intelligence" in themes["ai_governance"].requires["en"]
    assert "人工智能" in themes["ai_governance"].requires["zh"]
    assert not themes["manufacturing"].requires and not themes["digital_economy"].requires
