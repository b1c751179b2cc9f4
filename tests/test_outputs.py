"""The outputs are declared once (analysis.report.outputs): every file a run writes is
one of them, each has a caption in every report language, the page shows those
captions, and the README lists exactly them."""

import dataclasses
import re
import string
from pathlib import Path

import pytest

from analysis.report.outputs import (
    OUTPUTS,
    PARTS,
    RunData,
    make,
    markdown,
    output_for,
    outputs_of,
)
from analysis.report.wording import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]


def test_every_output_has_a_caption_in_every_language_with_the_same_fields():
    formatter = string.Formatter()
    for output in OUTPUTS:
        assert set(output.caption) == set(LANGUAGES), output.name
        fields = {f for _, f, _, _ in formatter.parse(output.caption["en"]) if f}
        for lang in LANGUAGES:
            assert {f for _, f, _, _ in formatter.parse(output.caption[lang]) if f} == \
                fields, (output.name, lang)
            assert "{" not in output.caption_in(lang), (output.name, lang)


def test_names_are_unique_and_files_find_their_output():
    keys = [(o.kind, o.name) for o in OUTPUTS]
    assert len(keys) == len(set(keys))
    assert output_for("keywords_by_document", "table").name == "keywords_by_document"
    assert output_for("keywords_by_desk", "table").name == "keywords_by_"
    assert output_for("distinctive_by_topic", "table").part == "topics"
    assert output_for("distinctive_by_language", "table").part == "keywords"
    assert output_for("topics_by_desk", "figure").place == "groups"
    assert output_for("topics_by_desk", "table").kind == "table"
    assert output_for("no_such_file", "table") is None
    assert {o.part for o in OUTPUTS} == set(PARTS)
    with pytest.raises(ValueError):
        outputs_of("figures")


def test_readme_lists_exactly_the_outputs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- outputs: begin -->\n(.*?)\n<!-- outputs: end -->", readme,
                       re.S)
    assert listed, "README.md lost its outputs list"
    assert listed.group(1) == markdown(), (
        "README.md's outputs list differs from analysis/report/outputs.py: paste the "
        "output of `.venv/bin/python -m analysis.report.outputs` between its markers")


def test_every_file_a_run_writes_is_declared(tmp_path):
    from analysis.pipeline.run import run

    out = tmp_path / "out"
    run(out=out, group_by=("desk",), corpus=_grouped_corpus(tmp_path), cache=False)
    for folder, kind, suffixes in (("tables", "table", {".csv"}),
                                   ("figures", "figure", {".svg", ".png"})):
        files = sorted((out / folder).iterdir())
        assert files
        for path in files:
            assert path.suffix in suffixes
            assert output_for(path.stem, kind) is not None, path.name
    # the families wrote their member for the --group-by column
    assert (out / "tables" / "topics_by_desk.csv").exists()
    assert (out / "figures" / "topics_by_desk.svg").exists()
    # the page shows each figure's declared caption, and each table's beside its link
    page = (out / "report.html").read_text(encoding="utf-8")
    lang = "fr"  # the bundled corpus is mostly French: the page's language
    for name in ("unit_map", "topics_by_desk", "document_topics"):
        kind = "table" if name == "document_topics" else "figure"
        caption = output_for(name, kind).caption_in(lang)
        assert caption.replace("'", "&#x27;") in page or caption in page, name


def _grouped_corpus(tmp_path):
    """The bundled corpus as a table with a ``desk`` column."""
    import pandas as pd

    from analysis.io.corpus import load_corpus

    docs = list(load_corpus(ROOT / "data" / "corpus"))
    frame = pd.DataFrame({"id": [d.doc_id for d in docs], "text": [d.text for d in docs],
                          "desk": ["a", "b", "a", "b", "a"][:len(docs)]})
    path = tmp_path / "grouped.csv"
    frame.to_csv(path, index=False)
    return path


def test_an_output_with_nothing_to_show_removes_its_earlier_file(corpus, keywords,
                                                                 topic_result, tmp_path):
    from analysis.report.tables import write_outputs

    data = RunData(corpus, keywords, topic_result)
    tables, figures = tmp_path / "tables", tmp_path / "figures"
    tables.mkdir()
    stale = tables / "distinctive_by_topic.csv"
    other = tables / "keywords_by_document.csv"  # another output's file: kept
    stale.write_text("old\n", encoding="utf-8")
    other.write_text("kept\n", encoding="utf-8")
    one_topic = dataclasses.replace(topic_result, topics=[0] * len(topic_result.topics))
    written = write_outputs(RunData(corpus, keywords, one_topic), ("topics",), tables, figures)
    assert not stale.exists()
    assert other.read_text(encoding="utf-8") == "kept\n"
    assert tables / "topic_info.csv" in written
    # the makers only compute: making twice gives equal tables and touches no file
    before = sorted(p.name for p in tables.iterdir())
    first = make(output_for("topic_passages", "table"), data)["topic_passages"]
    again = make(output_for("topic_passages", "table"), data)["topic_passages"]
    assert first.equals(again)
    assert sorted(p.name for p in tables.iterdir()) == before
