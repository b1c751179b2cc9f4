"""A theme's aspect (issue #21): AI governance needs governance evidence tied to AI in
the same passage, and naming AI is a gate, not evidence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import UserInputError
from analysis.themes.detector import ThemeDetector, passage_any
from analysis.themes.lexicon import Theme, load_themes
from tests.test_themes_detector import BACKGROUND, analyzer, bag_encoder, detect

# chips under rules: the subject (foundry) must be named beside a rule (law, ban)
RULED = Theme("chip_rules", "Chip rules", {"en": "semiconductor wafer foundry rules"},
              {"en": ["semiconductor", "wafer"]}, requires={"en": ["foundry"]},
              aspect={"en": ["regulator", "law", "ban"]})


def _units(rows):
    """Units from ``(doc_id, text)`` rows, numbered within their document."""
    frame = pd.DataFrame(rows, columns=["doc_id", "text"])
    frame["unit_id"] = frame["doc_id"] + frame.groupby("doc_id").cumcount().astype(str)
    frame["language"] = "en"
    frame["n_words"] = frame["text"].str.split().str.len()
    return frame[["unit_id", "doc_id", "language", "n_words", "text"]]


def test_passage_any_reaches_neighbours_in_the_same_document_only():
    flags = np.array([True, False, False, False, False, True])
    codes = np.array([0, 0, 0, 0, 1, 1])
    assert passage_any(flags, codes, 0).tolist() == flags.tolist()
    assert passage_any(flags, codes, 1).tolist() == [True, True, False, False, True, True]
    # the document's last unit does not reach into the next document
    assert passage_any(np.array([False, False, False, True, False, False]), codes,
                       1).tolist() == [False, False, True, True, False, False]


def test_the_aspect_must_be_named_beside_the_required_subject():
    units = _units([
        ("near", "semiconductor wafer foundry output under the new law and ban"),
        ("regulated", "semiconductor wafer foundry output, the regulator said"),
        ("one", "semiconductor wafer foundry output under the new law"),
        ("far", "semiconductor wafer foundry output rises"),
        ("far", "the players scored goals"),
        ("far", "the film actors sang"),
        ("far", "parliament passed the new law and ban"),
    ])
    det = ThemeDetector([RULED], background=BACKGROUND, reach=1).fit(analyzer(), bag_encoder)
    result = detect(det, units)
    docs = result.documents.set_index("doc_id")
    # two generic aspect terms, or one specific one, beside the subject
    assert docs.at["near", "chip_rules_found"] and docs.at["regulated", "chip_rules_found"]
    # one generic word ("law") is said of everything: not enough
    assert not docs.at["one", "chip_rules_found"]
    assert not docs.at["far", "chip_rules_found"]
    why = result.explanations.set_index(["doc_id", "theme"]).at[("far", "chip_rules"), "why"]
    assert "beside one of its aspect terms" in why
    # with a reach over the whole document, or without an aspect, "far" is found too
    wide = ThemeDetector([RULED], background=BACKGROUND, reach=3).fit(analyzer(), bag_encoder)
    assert detect(wide, units).documents.set_index("doc_id").at["far", "chip_rules_found"]
    plain = Theme(RULED.key, RULED.label, RULED.descriptions, RULED.terms,
                  requires=RULED.requires)
    free = ThemeDetector([plain], background=BACKGROUND).fit(analyzer(), bag_encoder)
    assert detect(free, units).documents.set_index("doc_id")["chip_rules_found"].all()


def test_a_required_term_is_a_gate_not_evidence():
    det = ThemeDetector([RULED], background=BACKGROUND).fit(analyzer(), bag_encoder)
    evidence, specific, generic = det.term_evidence([[["foundry"]], [["semiconductor"]]])
    assert evidence[0, 0] == 0.0 and not specific[0][0] and not generic[0][0]
    assert evidence[1, 0] > 0.0 and specific[1][0] == ["semiconductor"]
    # the same word listed among the terms counts as evidence
    counted = Theme(RULED.key, RULED.label, RULED.descriptions,
                    {"en": ["semiconductor", "wafer", "foundry"]}, requires=RULED.requires)
    det = ThemeDetector([counted], background=BACKGROUND).fit(analyzer(), bag_encoder)
    assert det.term_evidence([[["foundry"]]])[0][0, 0] > 0.0


def test_themes_file_reads_aspect_and_needs_requires_with_it(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text('[chips]\nterms = ["chip"]\nrequires.en = ["foundry"]\n'
                    'aspect.en = ["law", "ban"]\n', encoding="utf-8")
    (theme,) = load_themes(path)
    assert theme.aspect == {"en": ["law", "ban"]}
    path.write_text('[chips]\nterms = ["chip"]\naspect.en = ["law"]\n', encoding="utf-8")
    with pytest.raises(UserInputError, match="requires"):
        load_themes(path)
    path.write_text('[chips]\nterms = ["chip"]\nrequires = ["foundry"]\naspect = 3\n',
                    encoding="utf-8")
    with pytest.raises(UserInputError, match="aspect"):
        load_themes(path)


def test_built_in_ai_governance_needs_governance_beside_ai():
    themes = {t.key: t for t in load_themes()}
    ai = themes["ai_governance"]
    assert set(ai.aspect) == {"en", "fr", "zh"}
    assert "regulation" in ai.aspect["en"] and "loi" in ai.aspect["fr"]
    assert "监管" in ai.aspect["zh"]
    # naming AI is the gate, not the evidence
    for lang, required in ai.requires.items():
        assert not set(required) & set(ai.terms.get(lang, []))


def test_a_phrase_the_analyser_cannot_read_is_matched_as_written():
    from analysis.themes.detector import raw_hits, raw_pattern, term_lemma

    # "face" is an English stop word: the analyser would read "recognition" alone
    assert term_lemma(analyzer(), "face recognition", "en") is None
    pattern = raw_pattern("face recognition", "en")
    texts = ["Live Face  Recognition cameras", "face recognitions", "surface recognition",
             "the recognition of faces"]
    found = raw_hits([[[]] for _ in texts], texts, [{"face recognition": pattern}])
    assert [row[0] for row in found] == [["face recognition"], ["face recognition"], [], []]
    # a term in capitals keeps its case; a Chinese one is found inside the text
    assert raw_hits([[[]], [[]]], ["5G masts", "5g"], [{"5g": raw_pattern("5G", "en")}]) \
        == [[["5g"]], [[]]]
    assert raw_hits([[[]]], ["发展云计算产业"], [{"云计算": raw_pattern("云计算", "zh")}]) \
        == [[["云计算"]]]


def test_a_required_phrase_with_a_stop_word_still_opens_the_gate():
    theme = Theme("faces", "Face rules", {"en": "rules on face recognition cameras"},
                  {"en": ["regulator", "privacy"]}, requires={"en": ["face recognition"]})
    units = _units([("a", "the regulator said face recognition breaks privacy law"),
                    ("b", "the regulator said the cameras break privacy law")])
    det = ThemeDetector([theme], background=BACKGROUND).fit(analyzer(), bag_encoder)
    assert det.raw_terms_[0] == {"face recognition": raw_pattern_of("face recognition")}
    result = detect(det, units)
    why = result.explanations.set_index(["doc_id", "theme"])["why"]
    assert "names none of the terms the theme requires" not in why[("a", "faces")]
    assert "names none of the terms the theme requires" in why[("b", "faces")]


def raw_pattern_of(term):
    from analysis.themes.detector import raw_pattern

    return raw_pattern(term, "en")
