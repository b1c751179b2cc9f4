"""Language profiles (analysis/text/lang/): one per language, asked by every text
step. Small fixtures, no network."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.text.lang import (
    PROFILES,
    LanguageProfile,
    enough_text,
    profile,
    profile_for,
    register,
    word_count,
)
from analysis.text.vectorize import LanguageAwareCountVectorizer

ROOT = Path(__file__).resolve().parents[1]

ZH_DOC = "人工智能治理体系建设取得新进展。国务院常务会议研究部署数字经济发展！"
ZH_TRADITIONAL = "人工智能治理體系建設取得新進展。國務院常務會議研究部署數字經濟發展！"


def _fit(docs, **kwargs):
    vec = LanguageAwareCountVectorizer(**kwargs)
    X = vec.fit_transform(docs)
    return vec, X


def _labels(vec) -> dict[str, str]:
    return dict(zip(vec.get_feature_names_out(), vec.display_names_))


# -- the registry ---------------------------------------------------------------

def test_every_language_has_a_profile_and_unknown_codes_get_the_defaults():
    assert {"en", "fr", "de", "zh"} <= set(PROFILES)
    for code in ("en", "fr", "de", "zh"):
        assert profile(code).code == code
    other = profile("ru")
    assert type(other) is LanguageProfile and other.code == "ru"
    assert profile("en") is profile("en")  # one instance per code


def test_the_script_decides_before_the_language_is_known():
    assert profile_for(None, ZH_DOC).code == "zh"
    assert profile_for(None, "Le président a parlé.").spaced
    assert profile_for("zh", "Hello").code == "zh"  # a known code wins


def test_a_new_language_is_one_profile(monkeypatch):
    """Adding a language: one profile class, registered; the analyser uses it."""
    class Pirate(LanguageProfile):
        code = "xp"
        extra_stop_words = frozenset({"arr"})
        phrase_sep = "-"

    monkeypatch.setitem(PROFILES, "xp", Pirate)
    profile.cache_clear()
    try:
        register(Pirate)
        vec, _ = _fit([("arr treasure map arr", "xp"), ("treasure map", "xp")],
                      languages=("xp",))
        labels = _labels(vec)
        assert "arr" not in labels and labels["treasure map"] == "treasure-map"
    finally:
        PROFILES.pop("xp", None)
        profile.cache_clear()


# -- English, French, German: the spaced defaults ---------------------------------

@pytest.mark.parametrize("code", ["en", "fr", "de"])
def test_spaced_profiles_count_words_by_spaces(code):
    assert word_count("one two  three", code) == 3
    assert profile(code).join(["pouvoir", "d'achat"]) == "pouvoir d'achat"


def test_english_sentences_keep_abbreviations():
    assert profile("en").sentences("Mr. Smith went to Washington. He spoke.") == [
        "Mr. Smith went to Washington.", "He spoke."]


def test_french_stop_words_and_kept_words():
    stops = profile("fr").stop_words()
    assert "les" in stops and "nouveau" not in stops and "état" not in stops


def test_german_profile():
    de = profile("de")
    assert de.sentences("Er kam z.B. spät. Sie ging.") == ["Er kam z.B. spät.", "Sie ging."]
    assert "und" in de.stop_words()
    vec, _ = _fit([("Die Häuser und die Straßen der Stadt", "de"),
                   ("Das Haus in der Stadt", "de")], languages=("de",))
    terms = set(vec.get_feature_names_out())
    assert "und" not in terms and "der" not in terms
    assert "haus" in terms  # "Häuser" at the start of no sentence, lemmatised... or kept
    assert not any(t.isdigit() for t in terms)


# -- Chinese ----------------------------------------------------------------------

def test_chinese_segmentation():
    zh = profile("zh")
    assert zh.tokens("人工智能治理体系") == ["人工智能", "治理", "体系"]
    # Latin words and numbers inside Chinese are read as in a spaced language
    assert zh.tokens("AI芯片与5G网络") == ["AI", "芯片", "与", "5G", "网络"]
    # punctuation and white space between Chinese runs are tokens that break a phrase
    assert zh.tokens("经济，发展 改革") == ["经济", "，", "发展", " ", "改革"]


def test_chinese_segmentation_is_the_same_in_every_run_and_prints_nothing(capfd):
    from analysis.text.lang.zh import rjieba_cut

    first = [rjieba_cut(t) for t in (ZH_DOC, ZH_TRADITIONAL)]
    assert first == [rjieba_cut(t) for t in (ZH_DOC, ZH_TRADITIONAL)]
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_chinese_sentences():
    zh = profile("zh")
    text = '他说:"我们要发展。"然后离开了!真的吗?是的;好。'
    assert zh.sentences(text) == ['他说:"我们要发展。"', "然后离开了!", "真的吗?", "是的;", "好。"]
    assert zh.sentences("第一句。第二句！第三句？") == ["第一句。", "第二句！", "第三句？"]
    # an opening quote after a full stop starts the next sentence
    assert zh.sentences('他说。"好的。"') == ["他说。", '"好的。"']


def test_chinese_sentence_units():
    from analysis.text.segment import split_units

    assert split_units("第一句。第二句！\n\n第三句？", "sentence", "zh") == [
        "第一句。", "第二句！", "第三句？"]
    # a paragraph cut over two lines is joined without a space
    assert split_units("人工智能\n治理\n\n下一段", "paragraph") == ["人工智能治理", "下一段"]


def test_chinese_word_count():
    assert word_count("人工智能治理体系建设", "zh") == 4
    assert word_count("人工智能，治理。", "zh") == 2
    assert word_count("人工智能治理体系建设") == 4  # by its script


def test_chinese_phrase_join_and_labels():
    zh = profile("zh")
    assert zh.join(["人工智能", "治理"]) == "人工智能治理"
    assert zh.join(["Harvey", "Weinstein"]) == "Harvey Weinstein"
    assert zh.join(["AI", "芯片"]) == "AI芯片"
    vec, _ = _fit([(ZH_DOC, "zh"), ("人工智能治理很重要。", "zh")], languages=("zh",))
    labels = _labels(vec)
    assert labels["人工智能 治理"] == "人工智能治理"
    assert labels["人工智能 治理 体系"] == "人工智能治理体系"


def test_chinese_stop_words_numbers_and_punctuation_break_runs():
    zh = profile("zh")
    assert {"的", "了", "在", "表示"} <= zh.stop_words()
    vec, _ = _fit([("2010年三月，我们的人工智能在十二个城市表示了发展。", "zh")],
                  languages=("zh",))
    terms = set(vec.get_feature_names_out())
    assert "人工智能" in terms and "发展" in terms
    for junk in ("的", "我们", "2010", "三月", "十二", "表示", "年"):
        assert junk not in terms
    assert not any("," in t or "。" in t for t in terms)


def test_no_chinese_phrase_is_a_clause():
    """A phrase longer than 8 characters is not a term; a long dictionary word is."""
    vec, _ = _fit([("中华人民共和国国务院全面推进人工智能治理体系建设", "zh")] * 2,
                  languages=("zh",), max_n=3)
    labels = _labels(vec)
    for term, label in labels.items():
        if " " in term:
            assert len(label) <= profile("zh").max_phrase_chars, label
    assert "中华人民共和国国务院" in labels.values()


def test_traditional_characters_count_with_simplified_ones():
    vec, X = _fit([(ZH_DOC, "zh"), (ZH_TRADITIONAL, "zh")], languages=("zh",))
    terms = list(vec.get_feature_names_out())
    assert "体系" in terms and "體系" not in terms
    row = X.toarray()
    assert (row[0] == row[1]).all()  # the same terms, as simplified lemmas
    # each document's list shows its own script
    import pandas as pd

    from analysis.keywords.tfidf import localise_labels
    table = pd.DataFrame({"group": ["a", "b"], "term": ["体系", "体系"], "label": ["体系"] * 2})
    shown = localise_labels(table, "group", {"a": ZH_DOC, "b": ZH_TRADITIONAL}, vec)
    assert shown["label"].tolist() == ["体系", "體系"]


def test_chinese_counts_are_the_same_on_both_counting_paths():
    """The numpy counting of word ids and the analyser's strings agree on Chinese
    (vocabulary, counts and written forms)."""
    docs = [(ZH_DOC, "zh"), (ZH_TRADITIONAL, "zh"), ("AI芯片与5G网络发展,人工智能治理", "zh"),
            ("Harvey Weinstein 案件 审理", "zh")]
    fast, X = _fit(docs, languages=("zh",))
    slow = LanguageAwareCountVectorizer(languages=("zh",), min_df=1, max_df=1.0,
                                        max_features=10 ** 6)  # scikit-learn's own path
    Y = slow.fit_transform(docs)
    assert fast.vocabulary_ == {t: int(i) for t, i in slow.vocabulary_.items()}
    assert (X != Y).nnz == 0
    assert list(fast.display_names_) == list(slow.display_names_)


def test_a_chinese_segmenter_can_be_plugged_in():
    calls = []

    def in_pairs(text):
        calls.append(text)
        return [text[i:i + 2] for i in range(0, len(text), 2)]

    vec, _ = _fit([("人工智能治理", "zh")], languages=("zh",), segmenters={"zh": in_pairs},
                  max_n=1)
    assert calls and set(vec.get_feature_names_out()) == {"人工", "智能", "治理"}
    named, _ = _fit([("人工智能治理", "zh")], languages=("zh",), segmenters={"zh": "rjieba"})
    assert "人工智能" in named.get_feature_names_out()


def test_jieba_and_rjieba_cut_alike():
    pytest.importorskip("jieba")
    from analysis.text.lang.zh import jieba_cut, rjieba_cut

    for text in (ZH_DOC, "隆多19助攻追平前辈传奇纪录 绿军胜负就靠他掌控"):
        assert jieba_cut(text) == rjieba_cut(text)


# -- documents, units, language ---------------------------------------------------

def test_a_chinese_document_of_twenty_characters_is_kept():
    from analysis.io.corpus import build_documents

    text = "国务院常务会议研究部署数字经济发展工作"  # 19 characters, 7 words
    assert enough_text(text) and enough_text(text + "。")
    assert enough_text("人" * 20)  # 20 characters, whatever the segmenter finds
    assert not enough_text("Le chat")
    assert enough_text("Oppenheimer上调FirstMerit评级")  # 22 characters, mostly Latin
    docs, problems = build_documents([("d1", "d1.txt", "人" * 20 + "。", None, None, {})],
                                     progress=lambda x, **_: x)
    assert [d.doc_id for d in docs] == ["d1"] and not problems


def test_chinese_units_are_counted_in_words():
    from analysis.io.corpus import Corpus, make_document
    from analysis.text.units import build_units

    doc = make_document("d", "d.txt", "人工智能治理体系建设取得新进展。\n\n短。")
    units = build_units(Corpus([doc]), "paragraph", min_words=4)
    assert units["text"].tolist() == ["人工智能治理体系建设取得新进展。"]
    assert units["n_words"].tolist() == [word_count(units["text"][0], "zh")]
    assert units["n_words"][0] >= 6 and units["language"].tolist() == ["zh"]


def test_language_detection_knows_chinese():
    from analysis.text.language import SUPPORTED, LanguageDetector

    assert "zh" in SUPPORTED
    assert LanguageDetector().detect([ZH_DOC, ZH_TRADITIONAL]) == ["zh", "zh"]


def test_lead_counts_chinese_words():
    from analysis.embed.base import lead

    assert lead("人工智能治理体系建设", 2) == "人工智能治理"
    assert lead("人工智能治理", 5) == "人工智能治理"
    assert lead("one two three", 2) == "one two"


def test_labels_shorten_by_display_width():
    from analysis.text.width import display_width

    zh = profile("zh")
    assert display_width("人工智能") == 8
    short = zh.shorten("人工智能治理体系建设", 9)
    assert short != "…" and short.endswith("…") and display_width(short) <= 9
    assert profile("en").shorten("harvey weinstein trial", 12) == "harvey…"


# -- boilerplate: lines repeated across a corpus ----------------------------------

def _page(i: int, body: str) -> str:
    names = ["张三", "李四", "王五", "赵六", "钱七", "孙八"]
    return (f"{body}\n{body}，记者了解到有关情况。\n本报记者 {names[i % 6]}\n我要评论\n"
            f"联系电话:010-8888{i}")


BODIES = ["人工智能治理体系建设取得进展", "央行宣布降息支持经济增长", "球队客场战胜对手获得冠军",
          "房价上涨引发市场关注", "新款手机发布搭载芯片", "高考报名人数创新高"]


def test_repeated_lines_are_removed_in_any_language():
    from analysis.text.clean import remove_repeated_lines

    class Doc:
        def __init__(self, text):
            self.clean, self.removed = text, []

    docs = [Doc(_page(i, b)) for i, b in enumerate(BODIES)]
    docs.append(Doc("Markets rally on rate cut\nStocks rose sharply.\nPhoto: Reuters"))
    docs.append(Doc("Rain expected\nA wet week ahead for the north.\nPhoto: AFP"))
    docs.append(Doc("Floods in the south\nRivers burst their banks.\nPhoto: Xinhua"))
    docs.append(Doc("Photo: AP\nFirst line is a headline, never cut by its head.\nEnd."))
    removed = remove_repeated_lines(docs)
    assert removed > 0
    assert docs[0].clean == f"{BODIES[0]}\n{BODIES[0]}，记者了解到有关情况。"
    assert ("repeated line", "我要评论") in docs[0].removed
    assert docs[6].clean == "Markets rally on rate cut\nStocks rose sharply."
    assert docs[9].clean.startswith("Photo: AP")  # a headline is never cut by its head
    assert remove_repeated_lines(docs) == 0  # once is enough


def test_a_document_is_never_emptied_and_rare_lines_stay():
    from analysis.text.clean import repeated_lines, strip_lines

    same = ["我要评论"] * 5
    lines, heads = repeated_lines(same)
    assert "我要评论" in lines and strip_lines(same[0], lines, heads) == "我要评论"
    lines, heads = repeated_lines([_page(i, b) for i, b in enumerate(BODIES[:2])])
    assert not lines and not heads  # two documents are not a pattern


# -- structure ----------------------------------------------------------------------

def test_text_does_not_import_io():
    for path in (ROOT / "analysis" / "text").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.startswith("analysis.io") for n in names), path


def test_no_language_code_test_outside_the_profiles():
    """The pipeline asks the profile; it never tests a language code."""
    for folder in ("text", "keywords", "embed"):
        for path in (ROOT / "analysis" / folder).rglob("*.py"):
            if "lang" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            for code in ("zh", "fr", "en", "de"):
                assert f'== "{code}"' not in source and f"== '{code}'" not in source, path


def test_chinese_dates_and_a_date_line_near_the_top():
    from analysis.text.dates import date_line_date, dateline_date, parse_date

    assert str(parse_date("国务院2026年1月5日发布")) == "2026-01-05"
    assert str(dateline_date("标题\n\n2026年01月05日 08:30 星期一\n\n正文")) == "2026-01-05"
    assert str(dateline_date("Title\n\nJanuary 5, 2026\n\nBody text.")) == "2026-01-05"
    # a date inside a sentence is not the document's date line
    assert date_line_date("Talks on 4 janvier 2026 were held in Beijing today") is None
    assert date_line_date("标题\n第一段\n第二段\n2026年1月5日") is None  # past the top lines
