"""The Reuters sentence labels of bench/reuters_labels.py, on a synthetic SGML file."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from reuters_labels import load_reuters, reuters_classes, single_topic_stories  # noqa: E402


def story(newid, topics, body):
    ds = "".join(f"<D>{t}</D>" for t in topics)
    body_tag = f"<BODY>{body}</BODY>" if body is not None else ""
    return (f'<REUTERS TOPICS="YES" NEWID="{newid}">\n<TOPICS>{ds}</TOPICS>\n'
            f"<TEXT><TITLE>T</TITLE>{body_tag}</TEXT>\n</REUTERS>\n")


def write(tmp_path):
    parts = [story(1, ["earn"], "Net profit rose to five mln dlrs. Shr 10 cts vs 8 cts.\n"
                                "Reuter\n&#3;"),
             story(2, ["earn"], "The company said sales were up sharply this year."),
             story(3, ["acq"], "Smith Corp agreed to buy Jones Inc for cash. Too short."),
             story(4, ["acq", "earn"], "Two topics make this story ambiguous for us."),
             story(5, [], "No topic at all is given to this story here."),
             story(6, ["gold"], "Gold is a topic with too few stories in here."),
             story(7, ["acq"], None)]
    (tmp_path / "reut2-000.sgm").write_text("".join(parts), encoding="latin-1")


def test_only_single_topic_stories_with_a_body(tmp_path):
    write(tmp_path)
    stories = single_topic_stories(tmp_path)
    assert [(i, t) for i, t, _ in stories] == [(1, "earn"), (2, "earn"), (3, "acq"),
                                               (6, "gold")]
    assert reuters_classes(stories, min_articles=2) == ["earn"]
    assert reuters_classes(stories, min_articles=1) == ["earn", "acq", "gold"]


def test_sentences_carry_their_story_topic(tmp_path):
    write(tmp_path)
    ids, texts, labels, langs = load_reuters(tmp_path, n=100, min_articles=1)
    assert ids == ["reuters-1-0", "reuters-1-1", "reuters-2-0", "reuters-3-0",
                   "reuters-6-0"]
    assert labels == ["earn", "earn", "earn", "acq", "gold"]
    assert texts[3] == "Smith Corp agreed to buy Jones Inc for cash."  # "Too short." dropped
    assert all(len(t.split()) >= 5 for t in texts) and set(langs) == {"en"}


def test_sample_is_seeded_and_in_file_order(tmp_path):
    write(tmp_path)
    first = load_reuters(tmp_path, n=3, min_articles=1, seed=7)
    assert first == load_reuters(tmp_path, n=3, min_articles=1, seed=7)
    every = load_reuters(tmp_path, n=100, min_articles=1)[0]
    assert len(first[0]) == 3
    assert [every.index(i) for i in first[0]] == sorted(every.index(i) for i in first[0])
