"""Keywords an analyst can quote (#13): each rule checked on short real-style news text."""

import re

import numpy as np
import pandas as pd
import pytest

from analysis.io.corpus import Corpus, make_document
from analysis.keywords.distinctive import log_odds_dirichlet
from analysis.keywords.tables import analyse_keywords
from analysis.keywords.tfidf import distinctive_by_group, pick_terms
from analysis.text.analyzer import _MEMOS, TextAnalyzer
from analysis.text.language import UNDETERMINED, function_word_share, within
from analysis.text.units import build_units
from analysis.text.vectorize import LanguageAwareCountVectorizer


def _fit(docs, **options):
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), **options)
    vec.fit(docs)
    return vec


def _labels(vec):
    return set(vec.display_names_)


# -- 1. phrases across an elided word -------------------------------------------

def test_a_phrase_across_an_elision_is_shown_as_written():
    vec = _fit([("Le pouvoir d'achat des ménages recule. Le point d'indice des "
                 "fonctionnaires est gelé, et le pouvoir d’achat s'érode.", "fr")])
    assert vec.display_name("pouvoir achat") == "pouvoir d'achat"
    assert vec.display_name("point indice") == "point d'indice"
    assert not any(label.startswith(("l'", "d'")) for label in _labels(vec))


def test_a_label_never_starts_with_an_elision():
    vec = _fit([("Selon l'Institut national de la statistique, l'institut national "
                 "publiera ses chiffres.", "fr")])
    assert vec.display_name("institut national") in {"Institut national", "institut national"}


def test_phrases_can_stop_at_an_elision():
    """The other choice the benchmark measures: no phrase across an elided word."""
    vec = _fit([("Le pouvoir d'achat des ménages recule.", "fr")], cross_elision=False)
    assert "pouvoir achat" not in vec.vocabulary_ and "achat" in vec.vocabulary_


# -- 2. the language of each unit -------------------------------------------------

ITALIAN_NAMES_LEAD = (
    "Amiante : la loi de Casale Monferrato. Giuseppe Bianchi, Maria Rossi et Luca "
    "Ferrari, della Eternit di Casale, ont témoigné à Torino davanti alla corte.")
FRENCH_EDITORIAL = ITALIAN_NAMES_LEAD + (
    " Les familles des victimes de l'amiante attendent encore la justice promise par "
    "l'État, et les associations demandent une loi pour les indemniser.")


def _corpus(*texts):
    return Corpus([make_document(f"d{i}", f"d{i}.txt", t) for i, t in enumerate(texts)])


def test_a_french_text_full_of_italian_names_stays_french():
    from analysis.text.language import LanguageDetector

    assert LanguageDetector().detect_one(ITALIAN_NAMES_LEAD) == "it"  # the case guarded
    corpus = _corpus(FRENCH_EDITORIAL + "\n\nLe procès reprend en mars, selon les avocats.",
                     "Le gouvernement présente son plan pour le pouvoir d'achat des ménages.",
                     "The government presented its plan for household purchasing power.")
    units = build_units(corpus, "paragraph")
    assert [d.language for d in corpus] == ["fr", "fr", "en"]
    assert set(units.loc[units["doc_id"] == "d0", "language"]) == {"fr"}


def test_a_short_french_paragraph_keeps_its_documents_language():
    body = ("Le ministre de l'Économie a présenté mardi un plan de soutien aux "
            "entreprises industrielles, qui doit entrer en vigueur au printemps prochain.")
    short = "Reportage à Bologna : Giuseppe Conte, Mario Draghi et Sergio Mattarella al Quirinale."
    assert len(short.split()) == 13
    from analysis.text.language import LanguageDetector

    assert LanguageDetector().detect_one(short) == "it"  # the case guarded
    units = build_units(_corpus(body + "\n\n" + short + "\n\n" + body), "paragraph")
    assert set(units["language"]) == {"fr"}


def test_a_sentence_of_english_names_in_french_stays_french():
    text = ("Le rapport a été rédigé par une équipe de journalistes. Reportages de : Jake "
            "Horton, Joshua Cheetham, Kumar Malhotra, Erwan Rivault, Daniele Palumbo et "
            "Nicholas Barrett. Les données ont été vérifiées par la rédaction.")
    other = "The report was written by a team of journalists and checked by the editors."
    units = build_units(_corpus(text, other, text), "sentence")
    french = units[units["doc_id"] != "d1"]
    assert set(french["language"]) == {"fr"}


def test_a_real_english_paragraph_in_a_french_article_is_english():
    english = ("The minister said that the government would present a new plan for the "
               "industry in the spring, and that it would be funded by the state budget.")
    french = ("Le ministre a annoncé un nouveau plan pour l'industrie, financé par le budget "
              "de l'État, qui sera présenté au printemps prochain aux partenaires sociaux.")
    units = build_units(_corpus(french + "\n\n" + english, french), "paragraph")
    assert units.loc[units["doc_id"] == "d0", "language"].tolist() == ["fr", "en"]


def test_within_needs_confidence_and_function_words_for_another_language():
    main = frozenset({"fr", "en"})
    italian = ("Il governo ha presentato martedì il nuovo piano per l'industria, che "
               "entrerà in vigore in primavera secondo il ministro.")
    assert within((("it", 0.95), ("fr", 0.05)), main, italian) == "it"
    names = "Giuseppe Conte, Mario Draghi, Sergio Mattarella, Roma, Torino."
    assert within((("it", 0.95),), main, names) == "it"  # no function words: confident
    assert within((("it", 0.7), ("es", 0.2), ("fr", 0.1)), main, names) == UNDETERMINED
    french = ("Les familles des victimes attendent encore la justice promise par l'État, "
              "et les associations demandent une loi pour les indemniser.")
    assert within((("it", 0.99),), main, french) == "fr"
    german = ("Die Regierung hat am Dienstag den neuen Plan für die Industrie vorgestellt, "
              "der im Frühjahr in Kraft treten soll.")
    assert within((("de", 0.7),), main, german) == "de"
    swahili = ("Habari za leo ni kwamba serikali imetangaza mpango mpya wa elimu kwa watoto "
               "wote nchini, na walimu wameanza mafunzo mapya mwezi huu.")
    assert within((("it", 0.18), ("tr", 0.17), ("en", 0.14)), main, swahili) == \
        UNDETERMINED
    assert within((("fr", 0.3),), main, french) == UNDETERMINED
    # words both lists hold ("a", "de" are English stopwords-iso too) tell nothing
    assert function_word_share("de a de", "en", ["fr"]) == 0.0


# -- 3. function words of the corpus's other language -------------------------------

def test_english_function_words_in_a_french_unit_are_not_keywords():
    analyzer = TextAnalyzer(languages=("en", "fr"))
    terms = analyzer("Le slogan « we are the champions of TV » a été repris à la "
                     "télévision.", "fr")
    assert not {"we", "the", "of", "we are"} & set(terms)
    # a word both languages know ("part", "page") stays a content word
    assert "part" in analyzer("La part de marché de la page d'accueil.", "fr")


def test_function_words_of_every_known_language_are_never_keywords():
    """Whatever the corpus's languages: a French-only corpus quoting English, an
    English one quoting German or French, Latin words in Chinese text. A word the
    unit's own dictionary knows stays ("part" in French), and so does a name's
    word ("Jack Lang", "Die Welt")."""
    fr = TextAnalyzer(languages=("fr",))
    terms = set(fr("Le club at Boaters for Trump a cité « the best of times ».", "fr"))
    assert not {"at", "for", "the", "of"} & terms
    assert {"club", "boaters", "trump"} <= terms
    assert "part" in fr("La part de marché de la page d'accueil.", "fr")
    assert {"jack", "lang", "jack lang"} <= set(fr("Le ministre Jack Lang a parlé.", "fr"))
    en = TextAnalyzer(languages=("en",))
    terms = set(en("The paper quoted Die Welt: und nicht die Zeit, said the critic.", "en"))
    assert not {"und", "nicht"} & terms
    assert "die welt" in terms
    zh = TextAnalyzer(languages=("zh",))
    terms = set(zh("人工智能 of the future 治理，华为发布 AI芯片", "zh"))
    assert not {"of", "the"} & terms
    # a Latin word in Chinese text is read as in a spaced language (jieba tags
    # it "eng", not a function word)
    assert {"future", "ai", "人工智能", "治理"} <= terms


# -- 4. labels are forms written in the text ---------------------------------------

def test_labels_are_forms_that_occur_in_the_text():
    text = ("La reprise de l'économie réelle soutient l'industrie manufacturière. "
            "La reprise attendue profite à l'industrie manufacturière.")
    vec = _fit([(text, "fr"), ("The box was attached to the wall.", "en")])
    for label in _labels(vec):
        assert label.lower() in text.lower() or label in "The box was attached to the wall."
    assert vec.display_name("repriser") == "reprise"
    assert vec.display_name("industrie manufacturier") == "industrie manufacturière"
    assert vec.display_name("économie réel") == "économie réelle"
    assert vec.display_name("attach") == "attached"


def test_names_keep_their_capitals_and_sentence_starts_do_not_decide():
    vec = _fit([("Harvey Weinstein was convicted. The court heard that Harvey Weinstein "
                 "had lied. Economy news: the economy grows.", "en")])
    assert vec.display_name("harvey weinstein") == "Harvey Weinstein"
    assert vec.display_name("harvey") == "Harvey"
    assert vec.display_name("economy") == "economy"  # "Economy" only starts a sentence


# -- 5. nested duplicates -------------------------------------------------------------

def test_no_list_holds_a_term_inside_another():
    terms = np.array(["harvey", "harvey weinstein", "trial", "weinstein", "weinstein trial"],
                     dtype=object)
    score = {0: 1.0, 1: 0.95, 2: 0.5, 3: 0.9, 4: 0.2}
    picked = pick_terms([0, 1, 3, 2, 4], score, terms, top_n=3)
    assert [terms[i] for i in picked] == ["harvey weinstein", "trial"]
    # a phrase far weaker than its word does not replace it
    picked = pick_terms([2, 4], {2: 1.0, 4: 0.2}, terms, top_n=3)
    assert [terms[i] for i in picked] == ["trial"]


def _nested_pairs(words):
    return [(a, b) for a in words for b in words
            if a != b and f" {a} " in f" {b} "]


def test_keyword_tables_have_no_nested_duplicates():
    texts = ["Harvey Weinstein was convicted in New York. Harvey Weinstein appealed. "
             "Weinstein's lawyers said the Weinstein trial was unfair to Harvey Weinstein.",
             "The Oscars ceremony in Hollywood honoured new films. The Oscars host joked.",
             "New York police said the trial of the Hollywood producer drew crowds."]
    result = analyse_keywords(_corpus(*texts), unit="document", top_n=10)
    for table in (result.by_document, result.by_language, result.distinctive):
        key = "group" if "group" in table else "target"
        for _, rows in table.groupby(key):
            assert not _nested_pairs(list(rows["term"])), rows["term"].tolist()


# -- 6. numbers and codes --------------------------------------------------------------

def test_numbers_and_codes_are_not_keywords():
    analyzer = TextAnalyzer(languages=("fr", "en"))
    terms = analyzer("L'équipe AG2R a gagné la 7e journée, le 13e succès, par 15 0C et "
                     "&#36;36; le G20 et la COVID-19 aussi.", "fr")
    assert not [t for t in terms if re.search(r"\d", t)], terms
    assert "ag" not in terms and "journée" in terms and "covid" in terms


def test_no_phrase_runs_past_a_number_cut_off_a_word():
    """"COVID-19 deaths" gives "COVID" and "deaths", not "COVID deaths" (not in the
    text); a Latin code in Chinese text likewise ("EB-5投资移民")."""
    terms = TextAnalyzer(languages=("en",))("Officials said COVID-19 deaths fell.", "en")
    assert {"covid", "death"} <= set(terms) and "covid death" not in terms
    terms = TextAnalyzer(languages=("zh",))("专家提醒：EB-5投资移民留意居美时间", "zh")
    assert "eb" in terms and "eb 投资" not in terms and "投资 移民" in terms


# -- 7. acronyms -------------------------------------------------------------------------

def test_acronyms_stay_as_written():
    vec = _fit([("AI governance is a priority. The US and the EU regulate AI.", "en"),
                ("L'IA et l'UE : le CPC soutient l'IA.", "fr")])
    for term, label in (("ai", "AI"), ("us", "US"), ("eu", "EU"), ("ia", "IA"),
                        ("ue", "UE"), ("cpc", "CPC")):
        assert vec.display_name(term) == label


def test_a_headline_in_capitals_is_not_read_as_acronyms():
    analyzer = TextAnalyzer(languages=("en",))
    assert "the" not in analyzer("CHINA UNVEILS THE PLAN", "en")


def test_the_domain_list_applies_to_acronyms():
    """"XI" in capitals is still the speaker's name of the domain stop list."""
    assert "xi" not in TextAnalyzer(languages=("en",))("XI urged progress.", "en")


# -- 8. distinctive terms at any size -----------------------------------------------------

def test_distinctive_terms_exist_past_two_hundred_documents():
    rng = np.random.default_rng(0)
    words = [f"word{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(200)]
    words = [re.sub(r"\d", "", w) for w in words]
    texts = []
    for i in range(250):
        own = words[i % 200]
        common = " ".join(rng.choice(words, 20))
        texts.append(f"{own} {own} {own} {common}")
    result = analyse_keywords(_corpus(*texts), unit="document", top_n=5)
    assert set(result.distinctive["target"]) == {f"d{i}" for i in range(250)}


def test_distinctive_by_group_is_the_log_odds_of_each_group():
    docs = [("tariffs steel tariffs trade", "en"), ("steel mills steel", "en"),
            ("vaccine trial vaccine", "en"), ("vaccine doses trial", "en")]
    vec = LanguageAwareCountVectorizer(languages=("en",), max_n=1)
    counts = vec.fit_transform(docs)
    groups = ["trade", "trade", "health", "health"]
    table = distinctive_by_group(counts, groups, vec, top_n=5, min_count=1)
    for target, rows in table.groupby("target"):
        mask = np.array([g == target for g in groups])
        a = np.asarray(counts[mask].sum(axis=0)).ravel()
        b = np.asarray(counts[~mask].sum(axis=0)).ravel()
        z, _ = log_odds_dirichlet(a, b, prior=a + b)
        columns = [vec.vocabulary_[t] for t in rows["term"]]
        assert np.allclose(rows["z"], z[columns], atol=1e-4)
        assert rows["z"].is_monotonic_decreasing and (rows["z"] > 0).all()
    assert table[table["target"] == "trade"]["term"].iloc[0] == "steel"
    single = distinctive_by_group(counts, ["all"] * 4, vec)
    assert isinstance(single, pd.DataFrame) and single.empty


@pytest.mark.parametrize("block", [1, 2, 1000])
def test_group_log_odds_does_not_depend_on_the_block_size(block):
    from scipy import sparse

    from analysis.keywords.distinctive import group_log_odds

    rng = np.random.default_rng(1)
    counts = sparse.csr_matrix(rng.poisson(0.8, size=(30, 12)))
    codes = rng.integers(0, 5, size=30)
    base = group_log_odds(counts, codes, 5, min_count=1, block=1000)
    other = group_log_odds(counts, codes, 5, min_count=1, block=block)
    for x, y in zip(base, other):
        assert np.array_equal(x, y)


# -- labels per document, punctuation, weak words, case twins --------------------------

def test_a_documents_list_shows_the_form_that_document_uses():
    texts = ["Voters hold the key. Parties hold rallies. Unions hold strikes.",
             "Elections were held. Polls were held in March."]
    result = analyse_keywords(_corpus(*texts), unit="document", top_n=10)
    assert result.vectorizer.display_name("hold") == "hold"  # the corpus's form
    second = result.by_document[result.by_document["group"] == "d1"]
    assert "held" in set(second["label"]) and "hold" not in set(second["label"])
    first = result.by_document[result.by_document["group"] == "d0"]
    assert "hold" in set(first["label"])


def test_no_phrase_spans_a_dash_a_quote_a_slash_or_an_ampersand():
    analyzer = TextAnalyzer(languages=("fr", "en"), max_n=3)
    fr = analyzer("Guerre Ukraine - Russie : la « paix armée » selon In-Stat/MDR.", "fr")
    assert "ukraine russie" not in fr and "guerre ukraine" in fr
    en = analyzer("Economy 'strong' says Peaty & Brummie rapper", "en")
    assert not {"economy strong", "peaty brummie"} & set(en)


def test_a_plural_possessive_is_shown_as_written():
    vec = _fit([("The Critics' Circle gave the Critics' Circle award.", "en")])
    assert vec.display_name("critics circle") in {"Critics' Circle", "critics' Circle"}


def test_weak_words_are_never_a_keyword_alone_or_at_the_end_of_a_phrase():
    texts = ["The new plan reveals new targets for the World Cup and the world economy.",
             "New quality productive forces drive the new economy of the world."]
    result = analyse_keywords(_corpus(*texts), unit="document", top_n=30)
    labels = set(result.by_document["label"].str.lower())
    assert not {"new", "world", "reveals new"} & labels
    assert {"world cup", "new quality productive"} & labels


def test_a_word_that_occurs_mostly_inside_a_phrase_is_not_listed_apart():
    """With the terms' corpus counts, "emmanuel" (nearly always in "emmanuel
    macron") is said by the phrase: never listed beside it, nor instead of it;
    "macron", often alone, stays a word of its own."""
    terms = np.array(["emmanuel", "emmanuel macron", "macron", "réforme"], dtype=object)
    totals = np.array([10, 9, 30, 12])
    score = {0: 1.0, 1: 0.5, 2: 0.9, 3: 0.8}
    picked = [terms[i] for i in pick_terms([0, 2, 3, 1], score, terms, 3, totals=totals)]
    assert "emmanuel" not in picked
    assert picked == ["macron", "réforme"] or picked[0] == "emmanuel macron"
    # without the counts, as before: the word scored far above the phrase stays
    assert terms[pick_terms([0, 2, 3, 1], score, terms, 3)[0]] == "emmanuel"
    # the list's own text decides where its counts are given: "alan" is said
    # mostly apart in the corpus (other Alans), only in "alan bennett" here
    terms = np.array(["alan", "alan bennett", "alan bennett play", "theatre"], dtype=object)
    totals = np.array([50, 5, 3, 40])
    score = {0: 1.0, 1: 0.5, 2: 0.4, 3: 0.9}
    assert "alan" in [terms[i] for i in pick_terms([0, 3, 1, 2], score, terms, 3,
                                                   totals=totals)]
    local = {0: 3, 1: 3, 2: 3, 3: 4}
    picked = [terms[i] for i in pick_terms([0, 3, 1, 2], score, terms, 3, totals=totals,
                                           local=local)]
    assert picked == ["alan bennett", "theatre"]  # the shortest phrase said as often
    texts = ["Emmanuel Macron a présenté la réforme des retraites. Selon Emmanuel Macron, "
             "la réforme est juste. Macron insiste. Macron répond aux syndicats.",
             "Les syndicats contestent la réforme. La grève continue contre Macron.",
             "Le Premier ministre défend la réforme des retraites devant les députés."]
    result = analyse_keywords(_corpus(*texts), unit="document", top_n=10)
    for table in (result.by_document, result.by_language):
        labels = set(table["label"])
        assert "Emmanuel" not in labels, labels


# -- title-case headlines, names and line breaks -----------------------------------

def test_title_case_is_decided_from_the_line_as_a_whole():
    from analysis.text.analyzer import title_case

    assert title_case("Sluggish Economy Hits German Jobs")
    assert title_case("Rich Grab Bigger Share of the Pie")
    assert not title_case("Ad sales boost Time Warner profit")
    assert not title_case("Theresa May survit à la motion de censure")
    assert not title_case("Theresa May met Emmanuel Macron in Paris.")  # a sentence
    assert not title_case("Prime Minister")  # too few words to tell
    # a line that goes on in lower case from the one before is not a headline
    assert not title_case("and the Federal Reserve Bank Of New York")


def test_a_title_case_headlines_capitals_make_no_names():
    """In a title-case line every word reads as a sentence's first: lemmatised, and
    shown as the text writes it elsewhere; its phrases are the text's."""
    text = ("Sluggish Economy Hits German Jobs\nGerman jobs fell again as the sluggish "
            "economy hit factories in the east.")
    terms = TextAnalyzer(languages=("en",))(text, "en")
    assert "jobs" not in terms and terms.count("job") == 2  # "Jobs" is not a name
    assert "german job" in terms
    vec = _fit([(text, "en")])
    assert vec.display_name("economy") == "economy"
    assert vec.display_name("sluggish economy") == "sluggish economy"
    assert vec.display_name("german") == "German"


def test_no_phrase_runs_from_a_headline_into_its_paragraph():
    text = "Ad sales boost Time Warner profit\nQuarterly profits at the media giant rose."
    terms = set(TextAnalyzer(languages=("en",))(text, "en"))
    assert not {"profit quarterly", "warner profit quarterly"} & terms
    # a line that goes on in lower case is one sentence with the line before
    terms = set(TextAnalyzer(languages=("en",))("new quality productive\nforces", "en"))
    assert "productive force" in terms


def test_no_phrase_cuts_a_name():
    """A phrase holding a word in lower case never starts or ends inside a name:
    "boost Time" (of "Time Warner"), "leader Keir", "Warner profit"; the whole name
    with its neighbours, and capitalised phrases ("Prime Minister"), are terms."""
    analyzer = TextAnalyzer(languages=("en",))
    terms = set(analyzer("Ad sales boost Time Warner profit. The Labour leader Keir "
                         "Starmer met Prime Minister Tony Blair.", "en"))
    assert not {"boost time", "warner profit", "leader keir", "labour leader keir"} & terms
    assert {"time warner", "boost time warner", "time warner profit", "keir starmer",
            "leader keir starmer", "labour leader", "prime minister", "tony blair"} <= terms
    fr = set(TextAnalyzer(languages=("fr",))(
        "Le président Adama Barrow a reçu l'attaquant anglais Ian Wright.", "fr"))
    assert not {"président adama", "attaquant anglais ian"} & fr
    assert {"adama barrow", "président adama barrow", "ian wright"} <= fr


def test_case_twins_are_shown_once():
    terms = np.array(["jeux olympiques", "jeux olympique", "basket"], dtype=object)
    labels = np.array(["Jeux Olympiques", "Jeux olympiques", "basket"], dtype=object)
    picked = pick_terms([0, 1, 2], {0: 1.0, 1: 0.9, 2: 0.5}, terms, 3, labels=labels)
    assert [labels[i] for i in picked] == ["Jeux Olympiques", "basket"]


def test_a_large_corpus_finds_its_languages_from_a_sample_and_confirms_the_rest():
    """Past SAMPLE_DOCUMENTS documents, the rest are read against the main languages
    only; a German article in an English corpus is caught by its function words and
    read again against every language."""
    from analysis.text.units import SAMPLE_DOCUMENTS

    english = ("The government said on Tuesday that the new plan for the industry would "
               "be presented to the unions in the spring, and that it would be paid for by "
               "the state budget over the next three years.")
    german = ("Die Regierung hat am Dienstag mitgeteilt, dass der neue Plan für die "
              "Industrie im Frühjahr den Gewerkschaften vorgestellt werden soll und dass er "
              "in den nächsten drei Jahren aus dem Staatshaushalt bezahlt wird.")
    n = 2 * SAMPLE_DOCUMENTS
    texts = [f"Story {i}. {english}" for i in range(n)]
    sampled = {int(i * n / SAMPLE_DOCUMENTS) for i in range(SAMPLE_DOCUMENTS)}
    outside = [i for i in range(n) if i not in sampled]
    german_at = [0, outside[3], outside[200]]  # one in the sample, two read narrowly
    assert 0 in sampled and not {outside[3], outside[200]} & sampled
    for i in german_at:
        texts[i] = german
    corpus = _corpus(*texts)
    build_units(corpus, "document")
    languages = [d.language for d in corpus]
    assert [languages[i] for i in german_at] == ["de"] * 3
    assert set(languages) - {"de"} == {"en"}


def test_a_group_by_column_named_language_gets_tables_of_its_own(tmp_path):
    """--group-by language (the documents' language column) writes
    keywords_by_column_language.csv and distinctive_by_column_language.csv beside
    the tables by unit language, instead of overwriting them."""
    from analysis.cli import main
    from analysis.config import CORPUS_DIR

    out = tmp_path / "out"
    assert main(["run", "--corpus", str(CORPUS_DIR), "--out", str(out), "--keywords-only",
                 "--group-by", "language", "-q"]) == 0
    tables = {p.name for p in (out / "tables").glob("*.csv")}
    assert {"keywords_by_language.csv", "keywords_by_column_language.csv",
            "distinctive_by_language.csv", "distinctive_by_column_language.csv"} <= tables


@pytest.mark.parametrize("token", ["d'Europe", "L'Europe", "L'économies", "l'économies"])
def test_a_word_after_an_elision_resolves_the_same_at_a_sentence_start_and_inside(token):
    """The token memos are shared: the result must not depend on which use came first."""
    analyzer = TextAnalyzer(("fr",), lemmatize=True)
    at_start = analyzer._resolve(token, "fr", False, proper=False, start=True)
    inside = analyzer._resolve(token, "fr", False, proper=token[0].isupper())
    assert at_start == inside
    orders = []
    for first, second in ((f"{token} grandit.", f"Selon {token} grandit."),
                          (f"Selon {token} grandit.", f"{token} grandit.")):
        _MEMOS.clear()  # a fresh process: the first use fills the memo
        vec = LanguageAwareCountVectorizer(languages=("fr",))
        vec.fit([(first, "fr"), (second, "fr")])
        orders.append(dict(zip(vec.get_feature_names_out(), vec.display_names_)))
    assert orders[0] == orders[1]
