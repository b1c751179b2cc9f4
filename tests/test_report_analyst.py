"""The page as an analyst reads it (issue 22): 300 documents with a group column
and dates, opened in Chromium with the network refused. A topic is clicked, its
documents filtered, every section the corpus should have is there, and every word
the page itself shows is French (``--lang fr``). A screenshot of the whole page is
kept: in ``$ANALYSIS_ARTEFACTS`` when set, else in the test's temporary folder.

The corpus is generated here (English sentences about five subjects, a desk per
document, dates over half a year), so the test needs nothing outside the project;
the tfidf encoder keeps it fast.
"""

import csv
import datetime as dt
import os
import random
import re
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.report.wording import PHRASES
from tests.browser import VIEWPORT, offline_page

SUBJECTS = {
    "economy": ("market", "bank", "prices", "inflation", "shares", "investors", "growth",
                "exports", "budget", "wages", "factories", "interest rates"),
    "sport": ("match", "team", "goal", "season", "coach", "players", "league", "victory",
              "stadium", "championship", "referee", "fans"),
    "health": ("hospital", "patients", "vaccine", "doctors", "virus", "treatment", "clinic",
               "nurses", "disease", "surgery", "medicine", "infection"),
    "technology": ("software", "phone", "internet", "users", "computer", "data", "app",
                   "chips", "network", "robots", "browser", "passwords"),
    "culture": ("film", "album", "concert", "festival", "actors", "museum", "novel",
                "theatre", "singer", "award", "gallery", "orchestra"),
}
PLACES = ("London", "Leeds", "Glasgow", "Cardiff", "Belfast", "Bristol", "York", "Oxford")
SENTENCES = (
    "The {a} in {place} drew new attention to the {b} this week.",
    "Officials said the {a} would shape the {b} and the {c} for years.",
    "Many people now expect more {a}, better {b} and fewer problems with the {c}.",
    "Reports from {place} describe how the {a} changed after the {b} was announced.",
    "Critics argue that the {a} matters less than the {b}, while supporters praise the {c}.",
)


def write_corpus(path: Path, n: int = 300, seed: int = 22) -> Path:
    """``n`` documents (columns id, title, text, desk, date): three paragraphs on one
    subject each; the desk is the subject for four documents in five."""
    rng = random.Random(seed)
    subjects = list(SUBJECTS)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "title", "text", "desk", "date"])
        for i in range(n):
            subject = subjects[i % len(subjects)]
            words = SUBJECTS[subject]

            def sentence(words=words):
                a, b, c = rng.sample(words, 3)
                return rng.choice(SENTENCES).format(a=a, b=b, c=c, place=rng.choice(PLACES))

            text = "\n\n".join(" ".join(sentence() for _ in range(3)) for _ in range(3))
            a, b = rng.sample(words, 2)
            title = f"{a.capitalize()} and {b} in {rng.choice(PLACES)} ({i})"
            desk = subject if rng.random() < 0.8 else rng.choice(subjects)
            date = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(180))
            writer.writerow([f"a{i:03d}", title, text, desk, date.isoformat()])
    return path


@pytest.fixture(scope="module")
def analyst_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analyst")
    corpus = write_corpus(folder / "news.csv")
    out = folder / "out"
    assert main(["run", "--corpus", str(corpus), "--out", str(out), "--id-column", "id",
                 "--date-column", "date", "--group-by", "desk", "--encoder", "tfidf",
                 "--lang", "fr", "--no-cache", "-q"]) == 0
    return out


def test_the_tables_lead_from_a_topic_to_its_documents(analyst_report):
    import pandas as pd

    tables = analyst_report / "tables"
    docs = pd.read_csv(tables / "document_topics.csv")
    assert {"doc_id", "title", "date", "language", "desk", "main_topic", "main_topic_name",
            "main_share"} <= set(docs.columns)
    assert len(docs) == 300 and docs["title"].str.endswith(")").all()
    assert docs["main_topic_name"].notna().all()
    units = pd.read_csv(tables / "unit_topics.csv")
    assert units["text"].str.len().min() > 20 and "topic_name" in units
    assert "text" in pd.read_csv(tables / "units.csv")
    by_desk = pd.read_csv(tables / "topics_by_desk.csv")
    assert set(by_desk["desk"]) == set(SUBJECTS)
    over_time = pd.read_csv(tables / "topics_over_time.csv")
    assert set(over_time["period_kind"]) == {"week"}  # 180 days: weeks
    per_period = over_time.drop_duplicates("period")["n_documents"]
    assert per_period.sum() == 300
    passages = pd.read_csv(tables / "topic_passages.csv")
    assert (passages.groupby("topic").size() <= 3).all()


def _english_only_words() -> set:
    """Words of the page's English phrases that no French phrase uses."""
    def words(phrases):
        return {w.lower() for text in phrases.values()
                for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", " ", text))}

    return words(PHRASES["en"]) - words(PHRASES["fr"]) - {"corpus", "code", "analysis",
                                                          "python", "html"}


# What the page shows from the corpus and from the files, not in its own words.
DATA = ("blockquote, tbody, figure svg, code, .words, section.topic h3, .theme, "
        "table.overview a, #files ul, #summary, .files, #groups thead, #time thead, "
        "#groups th[scope=row], #groups ul, #findings li li, #tables thead, #doc-text, "
        "a[href^='tables/'], script, style")


def test_the_page_in_chromium_as_an_analyst_reads_it(analyst_report, tmp_path):
    artefacts = Path(os.environ.get("ANALYSIS_ARTEFACTS") or tmp_path)
    artefacts.mkdir(parents=True, exist_ok=True)
    screenshot = artefacts / "report_300_documents_fr.png"
    requests, errors = [], []
    n_topics = len((analyst_report / "tables" / "topic_info.csv").read_text(
        encoding="utf-8").strip().splitlines()) - 1
    with offline_page(analyst_report / "report.html", requests, errors) as page:
        page.screenshot(path=str(screenshot), full_page=True)

        # the sections this corpus should have, findings first and method last
        order = page.evaluate(
            "Array.from(document.querySelectorAll('main > section')).map(s => s.id)")
        for section in ("findings", "topics", "groups", "time", "keywords", "method",
                        "files"):
            assert section in order, (section, order)
        assert order[0] == "findings" and order[-2:] == ["method", "files"]
        assert page.locator("section.topic").count() == n_topics
        for name in ("topics_by_desk", "topics_over_time", "topic_keywords"):
            assert page.locator(f"#figure-{name} svg").count() == 1, name
        # one language: a corpus in English has no cross-language figure
        assert page.locator("#figure-crosslingual_similarity").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]

        # click a topic in the findings: its section, with passages and documents
        link = page.locator("#findings table.overview a").nth(1)
        target = link.get_attribute("href")
        link.click()
        assert page.evaluate("location.hash") == target
        section = page.locator(f"section{target}")
        box = section.bounding_box()
        assert box and abs(box["y"]) < 50, box  # scrolled to it
        assert section.locator("blockquote").count() >= 1
        rows = section.locator("tr[data-doc]")
        n_rows = rows.count()
        assert n_rows >= 10
        # documents by share, the largest first
        shares = [float(v) for v in section.locator(
            "tr[data-doc] td.num").evaluate_all("c => c.map(x => x.dataset.v)")]
        assert shares == sorted(shares, reverse=True)
        # a long list shows its first ten; "show all" unfolds it, and folds it again
        assert n_rows > 10 and rows.nth(9).is_visible() and rows.nth(10).is_hidden()
        unfold = section.locator("button.unfold")
        unfold.click()
        assert rows.nth(n_rows - 1).is_visible()
        unfold.click()
        assert rows.nth(10).is_hidden()

        # filter: only the documents whose text holds the word stay
        word = "stadium"
        page.fill("#doc-filter", word)
        visible = section.locator("tr[data-doc]:not([hidden])")
        texts = page.evaluate("JSON.parse(document.getElementById('doc-text')"
                              ".textContent)")
        def searched(rows):  # each row's own text (title, date, desk) and its document's
            return {doc: (row + " " + texts.get(doc, "")).lower() for doc, row in
                    rows.evaluate_all("r => r.map(x => [x.dataset.doc, x.textContent])")}

        kept = searched(visible)
        # a folded list shows every document the filter keeps
        assert all(visible.nth(i).is_visible() for i in range(visible.count()))
        assert kept and all(word in text for text in kept.values())
        hidden = searched(section.locator("tr[data-doc][hidden]"))
        assert hidden and all(word not in text for text in hidden.values())
        assert section.locator(".shown").text_content() == str(len(kept))
        assert re.fullmatch(r"\d+ documents correspondent",
                            page.locator("#doc-filter-status").text_content())
        page.fill("#doc-filter", "")
        assert rows.count() == n_rows and visible.count() == n_rows

        # every word the page itself shows is French
        assert page.evaluate("document.documentElement.lang") == "fr"
        shown = page.evaluate("""(selector) => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll(selector).forEach(n => n.remove());
            return copy.innerText;
        }""", DATA)
        english = _english_only_words() & {w.lower() for w in
                                           re.findall(r"[A-Za-z]{4,}", shown)}
        assert not english, english
        assert "Ce que l'analyse a trouvé" in shown and "\u202f%" in page.content()
        assert not re.search(r"\d\.\d", page.locator("#findings").inner_text())
    assert requests == [], requests
    assert errors == [], errors
    assert screenshot.stat().st_size > 50_000
