"""From a topic to its documents: the tables and page sections of issue 22, on
small hand-made tables (the run and the browser are in test_report_page)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analysis.report.topic_tables import (
    choose_period,
    document_topic_table,
    period_label,
    period_start,
    representative_passages,
    topic_columns,
    topics_by_group,
    topics_over_time,
)

NAMES = {0: "0 · economy", 1: "1 · sport", 2: "2 · music"}


def _documents():
    documents = pd.DataFrame({
        "doc_id": ["d10", "d2", "d1", "d3"],  # the corpus's order, not the ids'
        "title": ["Markets up", None, "Cup final", "Album"],
        "date": ["2026-01-05", "2026-01-20", None, "2026-03-02"],
        "desk": ["biz", "biz", "sport", None]})
    shares = pd.DataFrame({"doc_id": ["d1", "d10", "d2", "d3"],  # crosstab: sorted ids
                           "topic_0": [0.1, 0.7, 0.5, 0.0], "topic_1": [0.9, 0.3, 0.5, 0.2],
                           "topic_2": [0.0, 0.0, 0.0, 0.8]})
    return document_topic_table(shares, documents, NAMES, {"d2": "Opening words…"},
                                ["desk"])


def test_document_table_has_title_main_topic_and_name_in_corpus_order():
    table = _documents()
    assert list(table.columns[:8]) == ["doc_id", "title", "date", "language", "desk",
                                       "main_topic", "main_topic_name", "main_share"]
    assert list(table["doc_id"]) == ["d10", "d2", "d1", "d3"]
    assert list(table["title"]) == ["Markets up", "Opening words…", "Cup final", "Album"]
    # d2's tie (0.5 and 0.5) goes to the lower topic
    assert list(table["main_topic"]) == [0, 0, 1, 2]
    assert list(table["main_topic_name"]) == ["0 · economy", "0 · economy", "1 · sport",
                                         "2 · music"]
    assert table["main_share"].tolist() == [0.7, 0.5, 0.9, 0.8]
    assert topic_columns(table) == ["topic_0", "topic_1", "topic_2"]


def test_a_document_without_units_has_no_main_topic():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "date": [None, None]})
    shares = pd.DataFrame({"doc_id": ["a"], "topic_0": [1.0]})
    table = document_topic_table(shares, documents, {0: "zero"})
    assert table["main_topic"].isna().tolist() == [False, True]
    assert table["main_topic_name"].iloc[0] == "zero"
    assert pd.isna(table["main_topic_name"].iloc[1])


def test_representative_passages_are_nearest_the_centre_one_per_document():
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(6)],
                          "doc_id": ["a", "a", "b", "c", "d", "d"],
                          "text": [f"text {i}" for i in range(6)]})
    topics = np.array([0, 0, 0, 0, 1, 1])
    vectors = np.array([[1.0, 0.0], [0.99, 0.1], [0.9, 0.4], [0.2, 1.0], [0, 1], [0, 2]])
    table = representative_passages(units, topics, vectors, per_topic=3)
    first = table[table["topic"] == 0]
    # the centre points at 25.6°: u2 (24°), u1 (6°), then u0 (0°), skipped as a second
    # unit of document a, then u3 (79°)
    assert first["unit_id"].tolist() == ["u2", "u1", "u3"]
    assert first["rank"].tolist() == [1, 2, 3]
    assert first["similarity"].is_monotonic_decreasing
    # equal similarities (u4, u5 point the same way): the units' order, one per document
    assert table[table["topic"] == 1]["unit_id"].tolist() == ["u4"]
    assert table["text"].tolist()[0] == "text 2"


def test_topics_by_group_counts_main_topics_and_mean_shares():
    table = topics_by_group(_documents(), "desk", NAMES)
    biz = table[table["desk"] == "biz"].set_index("topic")
    assert biz["n_documents"].tolist() == [2, 0, 0]
    assert biz["mean_share"].tolist() == pytest.approx([0.6, 0.4, 0.0])
    assert set(table["group_documents"][table["desk"] == "biz"]) == {2}
    assert set(table["desk"]) == {"biz", "sport"}  # d3 has no desk: left out
    assert table["topic_name"].iloc[0] == "0 · economy"


@pytest.mark.parametrize(("days", "period"), [(1, "day"), (42, "day"), (43, "week"),
                                              (274, "week"), (275, "month"),
                                              (1464, "month"), (1465, "quarter")])
def test_the_period_follows_the_span(days, period):
    first = dt.date(2025, 1, 1)
    assert choose_period([first, first + dt.timedelta(days=days), None]) == period


def test_one_date_or_none_gives_no_period():
    assert choose_period([dt.date(2026, 1, 1)] * 3) is None and choose_period([None]) is None


def test_period_starts_and_labels():
    day = dt.date(2026, 5, 14)  # a Thursday
    assert period_label(period_start(day, "day"), "day") == "2026-05-14"
    assert period_label(period_start(day, "week"), "week") == "2026-05-11"
    assert period_label(period_start(day, "month"), "month") == "2026-05"
    assert period_label(period_start(day, "quarter"), "quarter") == "2026-Q2"


def test_topics_over_time_gives_n_and_shares_per_period():
    table, period = topics_over_time(_documents(), NAMES)
    assert period == "week"  # 2026-01-05 to 2026-03-02: 56 days
    assert list(dict.fromkeys(table["period"])) == ["2026-01-05", "2026-01-19", "2026-03-02"]
    first = table[table["period"] == "2026-01-05"].set_index("topic")
    assert first["n_documents"].tolist() == [1, 1, 1]
    assert first["mean_share"].tolist() == pytest.approx([0.7, 0.3, 0.0])
    assert first["n_main"].tolist() == [1, 0, 0]
    assert table["n_documents"].sum() == 3 * 3  # the undated document is left out
    monthly, _ = topics_over_time(_documents(), NAMES, period="month")
    assert list(dict.fromkeys(monthly["period"])) == ["2026-01", "2026-03"]
    empty, none = topics_over_time(_documents().assign(date=None), NAMES)
    assert none is None and len(empty) == 0


def test_numbers_and_dates_in_the_page_language():
    from analysis.report.topic_sections import percent, show_date, show_number

    assert show_number(0.1842, "fr") == "0,18" and show_number(0.1842, "en") == "0.18"
    assert percent(0.434, "en") == "43%" and percent(0.434, "fr") == "43\u202f%"
    assert percent(0.001, "en") == "<1%" and percent(0.0, "en") == "0%"
    assert show_date("2026-01-03", "fr") == "3 janv. 2026"
    assert show_date("2026-01-03", "zh") == "2026年1月3日" and show_date("", "en") == ""


def test_topic_section_lists_documents_by_share_with_a_filter(tmp_path):
    """The page sections from the CSVs: each topic a section with its documents,
    the largest share first, and the text the filter box searches."""
    from analysis.io.atomic import write_csv
    from analysis.report.topic_sections import Facts, findings_html, topic_sections_html

    table = _documents()
    write_csv(table, tmp_path / "document_topics.csv", dialect="excel-fr")
    write_csv(pd.DataFrame({"topic": [0, 1, 2], "n_en": [3, 2, 1], "count": [3, 2, 1],
                            "name": [NAMES[0], NAMES[1], NAMES[2]],
                            "terms_en": ["stocks, bank", "cup, goal", "album, song"]}),
              tmp_path / "topic_info.csv", dialect="excel-fr")
    write_csv(pd.DataFrame({"unit_id": ["u1", "u2"], "doc_id": ["d10", "d2"],
                            "text": ["Stocks rose </script> at the bank", "Quiet trading"]}),
              tmp_path / "unit_topics.csv", dialect="excel-fr")
    facts = Facts(tmp_path, "excel-fr", ["desk"])
    assert [t["topic"] for t in facts.topics] == ["0", "1", "2"]  # most documents first
    html = topic_sections_html(facts, "fr")
    economy = html[html.index('id="topic-0"'):html.index('id="topic-1"')]
    assert economy.index('data-doc="d10"') < economy.index('data-doc="d2"')  # 70 % > 50 %
    assert 'data-doc="d1"' not in economy  # 10 %: under the listed share
    assert "70\u202f%" in economy and "5 janv. 2026" in economy and "Mots :" in economy
    assert '<input type="search" id="doc-filter"' in html
    assert "Stocks rose <\\/script> at the bank" in html  # searchable, and stays text
    found = findings_html(facts, "fr")
    assert found.index("0 · economy") < found.index("1 · sport")
    assert "4 documents" in found and 'href="#topic-0"' in found


def test_an_empty_translation_table_keeps_its_header(tmp_path):
    """No pair found: the CSV still has its header, so pandas reads it."""
    from analysis.io.atomic import write_csv
    from analysis.report.outputs import PAIR_COLUMNS, with_header

    write_csv(with_header(pd.DataFrame(), PAIR_COLUMNS), tmp_path / "pairs.csv")
    read = pd.read_csv(tmp_path / "pairs.csv")
    assert list(read.columns) == list(PAIR_COLUMNS) and len(read) == 0
    full = pd.DataFrame({"doc_a": ["x"]})
    assert with_header(full, PAIR_COLUMNS) is full


def test_time_note_says_one_document_per_period_without_a_false_plural(tmp_path):
    from analysis.report.topic_sections import Facts, time_note

    header = "period,period_start,period_kind,topic,topic_name,n_documents,n_main,mean_share\n"
    rows = ["2026-01-03,2026-01-03,day,0,a,1,1,1.0\n", "2026-01-04,2026-01-04,day,0,a,1,1,1.0\n"]
    (tmp_path / "topics_over_time.csv").write_text(header + "".join(rows), encoding="utf-8")
    note = time_note(Facts(tmp_path), "fr")
    assert "au plus" in note and "1 documents" not in note
    rows.append("2026-01-04,2026-01-04,day,1,b,2,1,0.5\n")
    (tmp_path / "topics_over_time.csv").write_text(header + "".join(rows), encoding="utf-8")
    assert "(2 documents)" in time_note(Facts(tmp_path), "fr")
