"""The five bundled documents (French and English) with three Chinese ones
(tests/fixtures/zh/, written for these tests) run end to end as one corpus, and
the report speaks the reader's language in each of --lang en, fr and zh."""

import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import CORPUS_DIR

ZH = Path(__file__).parent / "fixtures" / "zh"


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for source in (*sorted(Path(CORPUS_DIR).glob("*.txt")), *sorted(ZH.glob("*.txt"))):
        shutil.copy(source, folder / source.name)
    return folder


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang, heading", [("en", "Topics"), ("fr", "Sujets"),
                                           ("zh", "主题")])
def test_three_languages_one_corpus(mixed_corpus, tmp_path, lang, heading):
    from analysis.pipeline.run import run

    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # "Glyph ... missing" fails the test
        run(corpus=mixed_corpus, out=out, lang=lang, seed=42)
    units = pd.read_csv(out / "tables" / "units.csv")
    documents = pd.read_csv(out / "tables" / "documents.csv")
    # every Chinese document is analysed, none skipped for its length
    assert set(documents["language"]) == {"en", "fr", "zh"} and len(documents) == 8
    assert (units.groupby("language").size() > 0).all()
    # their date lines ("2026年1月5日") give their dates
    assert documents.loc[documents["language"] == "zh", "date"].notna().all()
    topics = pd.read_csv(out / "tables" / "unit_topics.csv")
    # topics follow the subject: at least one topic holds units of all three languages
    per_topic = topics.groupby("topic")["language"].nunique()
    assert per_topic.max() == 3
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    text = _visible_text(page)
    summary = (out / "summary.md").read_text(encoding="utf-8")
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]{4,}", summary)
        assert "Documents analysed" not in text and "Documents analysés" not in text
    elif lang == "fr":
        assert "Documents analysed" not in text
    assert heading in text or heading in summary
    # each topic's closest theme is named in the page's language
    info = pd.read_csv(out / "tables" / "topic_info.csv")
    closest = {t for t in info["theme"].dropna() if t}
    assert closest, "no topic got a closest theme: the check below would be empty"
    english = {"AI governance", "Manufacturing", "Digital economy"}
    assert any(label in english for label in closest)  # the table keeps its labels
    for label in closest & english:
        assert (label in text) == (lang == "en"), (lang, label)
