"""Every table and figure a run writes, declared once.

An :class:`Output` holds all there is to say about one file (or one family of files,
such as ``topics_by_<column>.csv``): its name, whether it is a table or a figure,
the part of the run it belongs to, where the report page shows it, its caption in
each report language, and the function that makes it from a :class:`RunData`.

Making only computes: a maker returns a table (a DataFrame), a figure, ``None``
when the corpus has nothing for it, or, for a family, ``{file stem: table or
figure}``. :func:`analysis.report.tables.write_outputs` writes what the makers
return; saving the analysis is :mod:`analysis.saved`'s. So adding a table or figure
is one entry in :data:`OUTPUTS` (with a plotting function if it is a new kind of
figure, and the README's list, which a test compares with this one).

Parts: ``keywords`` (every run), ``topics`` (what ``edit`` writes again),
``translations``, ``themes``, and ``update`` and ``edit`` (the tables those commands
write besides, from the ``command`` tables a :class:`RunData` is given). A
figure's place is the page section it is shown in
(:func:`analysis.report.page.write_report`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from analysis.report.wording import LANGUAGES, say

PARTS = ("keywords", "topics", "translations", "themes", "update", "edit")
PLACES = ("keywords", "topics", "groups", "time", "themes", "figures")

# Figures with one bar or row per document, topic or language are drawn up to these
# sizes; past them a figure's title says what it shows instead.
MAX_KEYWORD_FIGURE_DOCUMENTS = 12
MAX_TOPIC_BARS = 12
MAX_SIMILARITY_DOCUMENTS = 20
MAX_THEME_FIGURE_DOCUMENTS = 40
MIN_LANGUAGE_SHARE = 0.02

# The values a caption may name, as ``{docs}``, ``{share}``...
LIMITS = {"docs": MAX_KEYWORD_FIGURE_DOCUMENTS, "share": f"{MIN_LANGUAGE_SHARE:.0%}",
          "topics": MAX_TOPIC_BARS, "themes": MAX_THEME_FIGURE_DOCUMENTS,
          "similar": MAX_SIMILARITY_DOCUMENTS}

# Table names the run writes itself: a metadata column of the same name gets its
# own name ("keywords_by_column_language.csv").
RESERVED_GROUPS = frozenset({"document", "language", "topic"})

# The columns of the translation tables, written even when no pair is found (a CSV
# without a header is refused by pandas and spreadsheets alike).
PAIR_COLUMNS = ("doc_a", "lang_a", "doc_b", "lang_b", "cosine", "units_matched",
                "matched_share")
MATCH_COLUMNS = ("unit_a", "unit_b", "cosine")


@dataclass(frozen=True)
class Output:
    """One table or figure (or family of them) of a run.

    ``name`` is the file's stem (``topic_info`` for ``tables/topic_info.csv``); a
    family's files start with ``name`` (``topics_by_``) and its maker returns
    ``{stem: item}``. ``caption`` is ``{language: text}``, with ``{docs}``-style
    limits (:data:`LIMITS`) filled in by :meth:`caption_in`.
    """

    name: str
    kind: str  # "table" or "figure"
    part: str
    make: Callable = field(repr=False, compare=False)
    caption: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    place: str = "figures"
    family: str = ""  # a family's files, as the README names them: "topics_by_<column>"

    def __post_init__(self):
        if self.kind not in ("table", "figure") or self.part not in PARTS \
                or self.place not in PLACES:
            raise ValueError(f"output {self.name}: bad kind, part or place")

    @property
    def suffix(self) -> str:
        return ".csv" if self.kind == "table" else ".svg"

    @property
    def file(self) -> str:
        """The file (or family of files) as a reader sees it: ``tables/x.csv``."""
        folder, suffix = ("tables", ".csv") if self.kind == "table" else ("figures",
                                                                          ".svg, .png")
        return f"{folder}/{self.family or self.name}{suffix}"

    def owns(self, stem: str) -> bool:
        """Whether the file stem ``stem`` is this output's (or one of its family's)."""
        return stem.startswith(self.name) if self.family else stem == self.name

    def caption_in(self, lang: str, stem: str | None = None) -> str:
        """The caption in ``lang`` (English where it has none)."""
        text = self.caption.get(lang) or self.caption.get("en", "")
        return text.format(**LIMITS)


class RunData:
    """What the makers read: the corpus, its keyword result, the topic result (or
    ``None`` for a keywords-only run), the report language and ``command``: the tables
    a command adds (``update``: ``novelty``, ``shares``, ``new_topics``; ``edit``:
    ``edits``), as ``{name: table}``; the values several makers share are computed
    once, on first use."""

    def __init__(self, corpus, keywords, result=None, lang: str = "en",
                 command: dict | None = None, titles: dict | None = None):
        self.corpus = corpus
        self.keywords = keywords
        self.result = result
        self.lang = lang
        self.command = command or {}
        if titles is not None:  # the documents' titles, when the caller has them
            self.titles = titles

    @cached_property
    def titles(self) -> dict:
        from analysis.report.summary import doc_titles

        return doc_titles(self.corpus)

    @cached_property
    def groups(self) -> list:
        return list(self.keywords.by_group)

    @cached_property
    def group_parts(self) -> dict:
        return group_file_names(self.groups)

    @cached_property
    def topic_names(self) -> dict:
        from analysis.report.topic_tables import plain_topic_names

        info = self.result.topic_info
        names = plain_topic_names(dict(zip(info["topic"], info["name"])),
                                  self.keywords.units["language"].nunique())
        return {int(t): name for t, name in names.items()}

    @cached_property
    def documents(self) -> pd.DataFrame:
        """``document_topics.csv``: each document's title, date, groups, main topic
        and its share of every topic."""
        from analysis.report.topic_tables import document_topic_table

        return document_topic_table(self.result.doc_topics, self.corpus.to_frame(),
                                    self.topic_names, self.titles, self.groups)

    @cached_property
    def topics_by_group(self) -> dict:
        """``{file stem: (column, topic × group table)}`` of the ``--group-by``
        columns that have values (shared by the tables and their figures)."""
        from analysis.report.topic_tables import topics_by_group

        made = {}
        for column in self.groups:
            frame = topics_by_group(self.documents, column, self.topic_names)
            if len(frame):
                made[f"topics_by_{self.group_parts[column]}"] = (column, frame)
        return made

    @cached_property
    def over_time(self) -> tuple:
        """``(topic shares per period, the period)``; the period is ``None`` for an
        undated corpus."""
        from analysis.report.topic_tables import topics_over_time

        return topics_over_time(self.documents, self.topic_names)

    @cached_property
    def theme_labels(self) -> dict:
        from analysis.report.theme_outputs import theme_labels_in

        return theme_labels_in(self.result, self.lang)

    @cached_property
    def theme_statement(self) -> str | None:
        from analysis.report.theme_outputs import themes_statement

        return themes_statement(self.result, self.lang)


def group_file_names(columns) -> dict[str, str]:
    """``{column: the part of its tables' file names}`` for the ``--group-by``
    columns: made safe and distinct by :func:`analysis.io.names.file_parts` (a
    column name is data: "../../x" or "desk/section" must not leave the tables
    folder, and "Desk" and "desk" must not share a file)."""
    from analysis.io.names import file_parts

    return file_parts(columns, reserved=RESERVED_GROUPS)


def first_of(shown: int, total: int, what: str, lang: str = "en") -> str:
    """The part of a figure title that says it shows only some of the items."""
    return "" if shown >= total else say("first_of", lang, shown=shown, total=total, what=what)


def with_header(frame, columns):
    """``frame``, or an empty table with ``columns`` when it has no columns at all."""
    return frame if len(frame.columns) else pd.DataFrame(columns=list(columns))


def nonempty(frame):
    """``frame``, or ``None`` (nothing written) when it has no rows."""
    return frame if len(frame) else None


# -- the keyword part -------------------------------------------------------------------

def _problems(d: RunData):
    if not d.corpus.problems:
        return None
    return pd.DataFrame([p.__dict__ for p in d.corpus.problems])


def _distinctive_by(d: RunData) -> dict:
    """The distinctive terms per language and per ``--group-by`` column."""
    made = {f"distinctive_by_{column}": frame
            for column, frame in d.keywords.distinctive_by.items() if len(frame)}
    made.update({f"distinctive_by_{d.group_parts[column]}": frame
                 for column, frame in d.keywords.distinctive_by_column.items() if len(frame)})
    return made


def _keywords_by_document_figure(d: RunData):
    from analysis.report.keyword_figures import keyword_bars
    from analysis.report.topic_tables import newest_first

    table = d.keywords.by_document
    have = set(table["group"])
    first = [doc for doc in newest_first(d.corpus) if doc in have][
        :MAX_KEYWORD_FIGURE_DOCUMENTS]
    title = say("keywords_by_document", d.lang) + first_of(
        len(first), len(d.corpus), say("documents", d.lang), d.lang)
    return keyword_bars(table[table["group"].isin(first)], title, group_titles=d.titles,
                        lang=d.lang)


def _keywords_by_language_figure(d: RunData):
    from analysis.report.keyword_figures import keyword_bars

    # a language gets a panel when it has a real share of the units: a few units
    # misdetected as another language would otherwise get a panel of their own
    counts = d.keywords.units["language"].value_counts()
    major = [code for code, n in counts.items()
             if n >= MIN_LANGUAGE_SHARE * len(d.keywords.units)]
    minor = sorted(set(counts.index) - set(major))
    title = say("keywords_by_language", d.lang) + (
        say("minor_languages", d.lang, share=f"{MIN_LANGUAGE_SHARE:.0%}",
            languages=", ".join(minor)) if minor else "")
    table = d.keywords.by_language[d.keywords.by_language["group"].isin(major)]
    return keyword_bars(table, title, lang=d.lang,
                        group_titles={g: say("language_panel", d.lang, language=g)
                                      for g in table["group"]})


# -- the topic part ---------------------------------------------------------------------

def _unit_topics(d: RunData):
    units, topics = d.keywords.units, d.result.topics
    return units[["unit_id", "doc_id", "language"]].assign(
        topic=topics, topic_name=[d.topic_names.get(t) for t in topics], text=units["text"])


def _passages(d: RunData):
    from analysis.report.topic_tables import representative_passages

    return representative_passages(d.keywords.units, d.result.topics, d.result.centred)


def _topics_by_group_tables(d: RunData) -> dict:
    return {stem: frame for stem, (_, frame) in d.topics_by_group.items()}


def _topics_by_group_figures(d: RunData) -> dict:
    from analysis.report.topic_group_figures import topic_group_heatmap

    return {stem: topic_group_heatmap(frame, column, d.topic_names,
                                      say("topics_by_group", d.lang, column=column), d.lang)
            for stem, (column, frame) in d.topics_by_group.items()}


def _over_time_table(d: RunData):
    frame, period = d.over_time
    return None if period is None else frame


def _over_time_figure(d: RunData):
    from analysis.report.topic_group_figures import topics_over_time_figure

    frame, period = d.over_time
    if period is None:
        return None
    return topics_over_time_figure(
        frame, topic_order(d.result.topic_info), d.topic_names,
        say("topics_over_time", d.lang, period=say(f"period_{period}", d.lang)), d.lang)


def topic_order(topic_info) -> list:
    """The topics, largest first (by units; equal sizes in topic order)."""
    info = topic_info.sort_values(["count", "topic"], ascending=[False, True], kind="stable")
    return [int(t) for t in info["topic"]]


def _distinctive_by_topic(d: RunData):
    from analysis.keywords.tfidf import distinctive_by_group

    # one topic (an edit may have merged them all): nothing to set apart
    return nonempty(distinctive_by_group(d.keywords.counts, list(d.result.topics),
                                         d.keywords.vectorizer))


def _topic_keywords_figure(d: RunData):
    from analysis.report.topic_figures import topic_bars
    from analysis.topics.representation import language_panels

    terms = d.result.topic_terms
    topics = list(dict.fromkeys(terms["topic"]))
    if not topics:
        return None
    shown = language_panels(terms, d.result.topic_info, max_topics=MAX_TOPIC_BARS)
    title = say("topic_keywords", d.lang) + first_of(
        min(len(topics), MAX_TOPIC_BARS), len(topics), say("topics_largest", d.lang), d.lang)
    return topic_bars(shown, title, lang=d.lang)


def _unit_map_figure(d: RunData):
    from analysis.report.topic_figures import unit_map

    units = d.keywords.units
    return unit_map(d.result.coords, d.result.topics, units["language"], d.topic_names,
                    say("unit_map", d.lang, n=len(units)), d.lang)


# -- translations -----------------------------------------------------------------------

def _similarity_figure(d: RunData):
    from analysis.report.topic_figures import similarity_heatmap
    from analysis.topics.crosslingual import similarity_matrix

    doc_ids = list(d.result.doc_themes["doc_id"])
    ids = doc_ids[:MAX_SIMILARITY_DOCUMENTS]
    language = {doc.doc_id: doc.language for doc in d.corpus}
    return similarity_heatmap(
        similarity_matrix(d.result.doc_vectors[:len(ids)]), [d.titles.get(i, i) for i in ids],
        say("similarity", d.lang) + first_of(len(ids), len(doc_ids), say("documents", d.lang),
                                             d.lang),
        [language.get(i, "?") for i in ids], d.lang)


# -- themes -----------------------------------------------------------------------------

def _theme_columns(doc_themes, labels, suffix) -> pd.DataFrame:
    """``doc_id`` and one column per theme key from ``<key><suffix>``."""
    frame = doc_themes[["doc_id"]].copy()
    for key in labels:
        frame[key] = doc_themes[f"{key}{suffix}"].to_numpy()
    return frame


def _found_by_language(d: RunData) -> tuple[pd.DataFrame, dict]:
    """Share of each language's documents found about each theme (the language in
    ``doc_id``), languages in sorted order, and each row's label."""
    language = {doc.doc_id: doc.language for doc in d.corpus}
    found = _theme_columns(d.result.doc_themes, d.theme_labels, "_found")
    found = found.set_index("doc_id").astype(float)
    by_language = found.groupby(found.index.map(language), sort=True).mean()
    rows = {code: say("language_row", d.lang, language=code, n=n) for code, n in
            d.corpus.to_frame()["language"].value_counts().items()}
    return by_language.rename_axis("doc_id").reset_index(), rows


def _theme_shares_figure(d: RunData):
    from analysis.report.theme_figures import theme_share_bars, theme_statement
    from analysis.report.theme_outputs import words

    if d.theme_statement is not None:  # a corpus about something else: one sentence
        return theme_statement(d.theme_statement, words("share_title", d.lang))
    doc = d.result.doc_themes
    if len(doc) <= MAX_THEME_FIGURE_DOCUMENTS:
        return theme_share_bars(_theme_columns(doc, d.theme_labels, "_share"), d.theme_labels,
                                d.titles, words("share_title", d.lang),
                                words("share_axis", d.lang), d.lang)
    flagged, rows = _found_by_language(d)
    return theme_share_bars(flagged, d.theme_labels, rows,
                            words("flagged_title", d.lang, n=len(doc)),
                            words("flagged_axis", d.lang), d.lang)


def _theme_heatmap_figure(d: RunData):
    from analysis.report.theme_figures import theme_heatmap, theme_statement
    from analysis.report.theme_outputs import words

    if d.theme_statement is not None:
        return theme_statement(d.theme_statement, words("confidence_title", d.lang))
    doc = d.result.doc_themes
    if len(doc) <= MAX_THEME_FIGURE_DOCUMENTS:
        return theme_heatmap(_theme_columns(doc, d.theme_labels, "_confidence"),
                             d.theme_labels, d.titles, words("confidence_title", d.lang),
                             words("confidence_colour", d.lang), d.lang,
                             _theme_columns(doc, d.theme_labels, "_found"))
    # one row per language: a row per document is unreadable past a few dozen
    flagged, rows = _found_by_language(d)
    return theme_heatmap(flagged, d.theme_labels, rows,
                         words("flagged_title", d.lang, n=len(doc)),
                         words("flagged_axis", d.lang), d.lang)


def _themes_over_time_figure(d: RunData):
    from analysis.report.theme_figures import themes_over_time
    from analysis.report.theme_outputs import words

    doc = d.result.doc_themes
    if d.theme_statement is not None or doc["date"].notna().sum() < 2 \
            or doc["date"].nunique() < 2:
        return None
    return themes_over_time(doc, d.theme_labels, words("over_time", d.lang), d.lang,
                            words("flagged_axis", d.lang))


def _each(**texts) -> dict:
    """A caption's texts, checked to be in every report language."""
    missing = set(LANGUAGES) - set(texts)
    if missing:
        raise ValueError(f"caption without {sorted(missing)}")
    return texts


OUTPUTS: tuple[Output, ...] = (
    # -- keywords --------------------------------------------------------------------
    Output("documents", "table", "keywords", lambda d: d.corpus.to_frame(), _each(
        en="Each document: id, source file, title, date, language, length, and its "
           "metadata columns.",
        fr="Chaque document : identifiant, fichier source, titre, date, langue, longueur et "
           "ses colonnes de métadonnées.",
        zh="每个文档：编号、来源文件、标题、日期、语言、长度及其元数据列。")),
    Output("units", "table", "keywords", lambda d: d.keywords.units, _each(
        en="Each unit (passage) the text was cut into, with its document, language and "
           "text.",
        fr="Chaque unité (passage) du découpage, avec son document, sa langue et son texte.",
        zh="文本切分出的每个单元（段落），及其所属文档、语言和文本。")),
    Output("keywords_by_document", "table", "keywords", lambda d: d.keywords.by_document,
           _each(en="Each document's top terms and phrases by TF-IDF weight.",
                 fr="Les principaux termes et expressions de chaque document (poids TF-IDF).",
                 zh="每个文档中 TF-IDF 权重最高的词和短语。")),
    Output("keywords_by_language", "table", "keywords", lambda d: d.keywords.by_language,
           _each(en="Each language's top terms over all its units.",
                 fr="Les principaux termes de chaque langue sur toutes ses unités.",
                 zh="每种语言全部单元中的主要词语。")),
    Output("distinctive_terms", "table", "keywords",
           lambda d: nonempty(d.keywords.distinctive), _each(
               en="Each document's distinctive terms: those it uses far more than the rest "
                  "of the corpus.",
               fr="Les termes distinctifs de chaque document : ceux qu'il emploie bien plus "
                  "que le reste du corpus.",
               zh="每个文档的特征词：其使用频率远高于语料其余部分的词。")),
    Output("distinctive_by_", "table", "keywords", _distinctive_by, _each(
        en="The distinctive terms of each language and of each value of a --group-by "
           "column.",
        fr="Les termes distinctifs de chaque langue et de chaque valeur d'une colonne "
           "--group-by.",
        zh="每种语言及 --group-by 列每个取值的特征词。"),
        family="distinctive_by_<language or column>"),
    Output("keywords_by_", "table", "keywords",
           lambda d: {f"keywords_by_{d.group_parts[c]}": f
                      for c, f in d.keywords.by_group.items()}, _each(
               en="The top terms of each value of a --group-by column.",
               fr="Les principaux termes de chaque valeur d'une colonne --group-by.",
               zh="--group-by 列每个取值的主要词语。"), family="keywords_by_<column>"),
    Output("problems", "table", "keywords", _problems, _each(
        en="Files and rows that were skipped or flagged, with the reason and what to do.",
        fr="Fichiers et lignes écartés ou signalés, avec la raison et la marche à suivre.",
        zh="被跳过或标记的文件和行，附原因及处理方法。")),
    Output("keywords_by_document", "figure", "keywords", _keywords_by_document_figure, _each(
        en="Top keywords per document: each document's terms and phrases with the highest "
           "TF-IDF weight, on one scale across panels (at most {docs} documents, the newest "
           "first; every one is in keywords_by_document.csv).",
        fr="Principaux mots-clés par document : les termes et expressions de plus fort poids "
           "TF-IDF de chaque document, sur une même échelle (au plus {docs} documents, les plus "
           "récents d'abord ; tous sont dans keywords_by_document.csv).",
        zh="各文档的主要关键词：每个文档中 TF-IDF 权重最高的词和短语，各面板使用同一刻度"
           "（最多显示 {docs} 个文档，最新的在前；全部文档见 keywords_by_document.csv）。"),
        place="keywords"),
    Output("keywords_by_language", "figure", "keywords", _keywords_by_language_figure, _each(
        en="Top keywords per language: the terms with the highest TF-IDF weight over all "
           "units in each language (a language with under {share} of the units has no "
           "panel).",
        fr="Principaux mots-clés par langue : les termes de plus fort poids TF-IDF sur toutes "
           "les unités de chaque langue (une langue de moins de {share} des unités n'a pas de "
           "panneau).",
        zh="各语言的主要关键词：每种语言全部单元中 TF-IDF 权重最高的词（占单元不到 {share} "
           "的语言没有单独的面板）。"), place="keywords"),
    # -- topics ----------------------------------------------------------------------
    Output("topic_info", "table", "topics", lambda d: d.result.topic_info, _each(
        en="Each topic: its name, size in units (in all and per language), its top terms "
           "and its closest theme.",
        fr="Chaque sujet : son nom, sa taille en unités (en tout et par langue), ses "
           "principaux termes et son thème le plus proche.",
        zh="每个主题：名称、单元数（总数及各语言）、主要词语及最接近的主题。")),
    Output("topic_terms_by_language", "table", "topics",
           lambda d: d.result.topic_terms.drop(columns="topic_name"), _each(
               en="Each topic's terms in each language, with their c-TF-IDF weight.",
               fr="Les termes de chaque sujet dans chaque langue, avec leur poids c-TF-IDF.",
               zh="每个主题在各语言中的词语及其 c-TF-IDF 权重。")),
    Output("unit_topics", "table", "topics", _unit_topics, _each(
        en="Each unit's topic, with its text.",
        fr="Le sujet de chaque unité, avec son texte.",
        zh="每个单元所属的主题及其文本。")),
    Output("document_topics", "table", "topics", lambda d: d.documents, _each(
        en="Each document's title, date, groups, main topic and its share of every topic.",
        fr="Titre, date, groupes et sujet principal de chaque document, et sa part de chaque "
           "sujet.",
        zh="每个文档的标题、日期、分组、主要主题及其在各主题中的占比。")),
    Output("topic_passages", "table", "topics", _passages, _each(
        en="Three representative passages per topic: the units nearest its centre.",
        fr="Trois passages représentatifs par sujet : les unités les plus proches de son "
           "centre.",
        zh="每个主题的三个代表性段落：最接近其中心的单元。")),
    Output("topics_by_", "table", "topics", _topics_by_group_tables, _each(
        en="The mean share of each topic in the documents of each value of a --group-by "
           "column, with n documents.",
        fr="La part moyenne de chaque sujet dans les documents de chaque valeur d'une colonne "
           "--group-by, avec n documents.",
        zh="--group-by 列每个取值的文档中各主题的平均占比，附文档数 n。"),
        family="topics_by_<column>"),
    Output("topics_over_time", "table", "topics", _over_time_table, _each(
        en="The mean share of each topic per period (day, week, month or quarter, chosen "
           "from the span), with n dated documents.",
        fr="La part moyenne de chaque sujet par période (jour, semaine, mois ou trimestre, "
           "selon l'étendue), avec n documents datés.",
        zh="各时期（根据时间跨度选择日、周、月或季度）中各主题的平均占比，附有日期的文档数 n。")),
    Output("distinctive_by_topic", "table", "topics", _distinctive_by_topic, _each(
        en="The distinctive terms of each topic against the rest of the corpus.",
        fr="Les termes distinctifs de chaque sujet face au reste du corpus.",
        zh="每个主题相对于语料其余部分的特征词。")),
    Output("topics_by_", "figure", "topics", _topics_by_group_figures, _each(
        en="Topics by group: the mean share of each topic in the documents of each group (a "
           "column per group, n its documents); a bright cell is a topic the group writes "
           "much about.",
        fr="Sujets par groupe : la part moyenne de chaque sujet dans les documents de chaque "
           "groupe (une colonne par groupe, n ses documents) ; une case claire est un sujet "
           "dont le groupe parle beaucoup.",
        zh="按组划分的主题：每组文档中各主题的平均占比（每组一列，n 为其文档数）；颜色越亮，"
           "该组越多谈及该主题。"), place="groups", family="topics_by_<column>"),
    Output("topics_over_time", "figure", "topics", _over_time_figure, _each(
        en="Topics over time: the mean share of each topic among the dated documents of each "
           "period, stacked (n under each bar: its documents; past 20 topics the smallest are "
           "drawn together as \u201cother\u201d).",
        fr="Sujets dans le temps : la part moyenne de chaque sujet parmi les documents datés "
           "de chaque période, empilée (n sous chaque barre : ses documents ; au-delà de 20 "
           "sujets, les plus petits sont regroupés en « autres »).",
        zh="主题随时间的变化：每个时期有日期的文档中各主题的平均占比，堆叠显示（柱下 n 为文档数；"
           "超过 20 个主题时，最小的合并为\u201c其他\u201d）。"), place="time"),
    Output("topic_keywords", "figure", "topics", _topic_keywords_figure, _each(
        en="Topic keywords: each topic's top terms (class-based TF-IDF) in each language "
           "that holds a quarter of its units, one panel each, each on its own scale (at "
           "most the {topics} largest topics).",
        fr="Mots-clés des sujets : les premiers termes de chaque sujet (TF-IDF par classe) "
           "dans chaque langue qui a le quart de ses unités, un panneau par langue, chacun à "
           "sa propre échelle (au plus les {topics} plus grands sujets).",
        zh="主题关键词：每个主题的主要词语（基于类别的 TF-IDF），拥有该主题四分之一单元的每种"
           "语言各占一个面板，各用自己的刻度（最多显示 {topics} 个最大的主题）。"),
        place="topics"),
    Output("unit_map", "figure", "topics", _unit_map_figure, _each(
        en="Map of the units: each unit placed by the first two principal components of its "
           "language-centred embedding; colour is the topic, marker the language.",
        fr="Carte des unités : chaque unité placée selon les deux premières composantes "
           "principales de son plongement centré par langue ; la couleur est le sujet, le "
           "marqueur la langue.",
        zh="单元分布图：每个单元按其经语言中心化的嵌入的前两个主成分定位；颜色表示主题，"
           "标记形状表示语言。"), place="topics"),
    # -- translations ----------------------------------------------------------------
    Output("translation_pairs", "table", "translations",
           lambda d: with_header(d.result.pairs, PAIR_COLUMNS), _each(
               en="Documents in two languages that tell the same story, with their cosine "
                  "and the share of paragraphs matched.",
               fr="Documents de deux langues qui racontent la même histoire, avec leur "
                  "cosinus et la part de paragraphes appariés.",
               zh="以两种语言讲述同一报道的文档对，附余弦值及段落匹配比例。")),
    Output("translation_unit_matches", "table", "translations",
           lambda d: with_header(d.result.unit_matches, MATCH_COLUMNS), _each(
               en="The matched paragraphs of each translation pair.",
               fr="Les paragraphes appariés de chaque paire de traductions.",
               zh="每对译文中相互匹配的段落。")),
    # -- themes ----------------------------------------------------------------------
    Output("unit_themes", "table", "themes", lambda d: d.result.unit_themes, _each(
        en="Each unit: per theme, found or not, its confidence, its cosine to the theme and "
           "the specific terms it names.",
        fr="Chaque unité : pour chaque thème, trouvé ou non, sa confiance, son cosinus au "
           "thème et les termes spécifiques qu'elle nomme.",
        zh="每个单元：对每个主题，是否涉及、置信度、与主题的余弦值及其中出现的特定词语。")),
    Output("document_themes", "table", "themes", lambda d: d.result.doc_themes, _each(
        en="Each document: per theme, found or not, its confidence (0–1) and the share of "
           "its words in units about the theme.",
        fr="Chaque document : pour chaque thème, trouvé ou non, sa confiance (0–1) et la "
           "part de ses mots dans des unités sur le thème.",
        zh="每个文档：对每个主题，是否涉及、置信度（0–1）及涉及该主题的单元占其词数的比例。")),
    Output("theme_explanations", "table", "themes", lambda d: d.result.explanations, _each(
        en="Each document and theme: the passage that most supports the answer, the terms "
           "that matched, and why.",
        fr="Chaque document et thème : le passage qui fonde le plus la réponse, les termes "
           "trouvés et pourquoi.",
        zh="每个文档与主题：最能支持判断的段落、匹配的词语及理由。")),
    Output("theme_shares_by_document", "figure", "themes", _theme_shares_figure, _each(
        en="How much of each document is about each theme: the share of its words in units "
           "found about the theme, on a fixed 0–1 scale (past {themes} documents: the share "
           "of each language's documents found about each theme).",
        fr="Part de chaque document consacrée à chaque thème : la part de ses mots dans des "
           "unités sur le thème, sur une échelle fixe de 0 à 1 (au-delà de {themes} "
           "documents : la part des documents de chaque langue qui traitent du thème).",
        zh="各文档涉及各主题的比例：涉及该主题的单元占文档词数的比例，固定刻度 0–1（超过 "
           "{themes} 个文档时：每种语言中涉及该主题的文档比例）。"), place="themes"),
    Output("theme_heatmap", "figure", "themes", _theme_heatmap_figure, _each(
        en="Is each document about each theme? Its confidence on a fixed 0–1 scale, with a "
           "mark where the theme is found (past {themes} documents: the share of each "
           "language's documents found about each theme).",
        fr="Chaque document traite-t-il de chaque thème ? Sa confiance sur une échelle fixe "
           "de 0 à 1, marquée là où le thème est trouvé (au-delà de {themes} documents : la "
           "part des documents de chaque langue qui traitent du thème).",
        zh="各文档是否涉及各主题？置信度使用固定刻度 0–1，涉及处加标记（超过 {themes} 个文档时："
           "每种语言中涉及该主题的文档比例）。"), place="themes"),
    Output("themes_over_time", "figure", "themes", _themes_over_time_figure, _each(
        en="Themes over time: the share of each date's documents found about each theme "
           "(n under each date: its documents).",
        fr="Les thèmes dans le temps : la part des documents de chaque date qui traitent de "
           "chaque thème (n sous chaque date : ses documents).",
        zh="主题随时间的变化：每个日期的文档中涉及各主题的比例（日期下 n 为文档数）。"),
        place="time"),
    Output("crosslingual_similarity", "figure", "translations", _similarity_figure, _each(
        en="Document similarity: the cosine between the documents' embeddings, within and "
           "across languages; translations of one story stand out as high values (at most "
           "the first {similar} documents).",
        fr="Similarité des documents : le cosinus entre les plongements des documents, dans "
           "une langue et d'une langue à l'autre ; les traductions d'un même article "
           "ressortent par des valeurs élevées (au plus les {similar} premiers documents).",
        zh="文档相似度：文档嵌入之间的余弦值，包括同一语言内和跨语言；同一报道的不同译本表现为"
           "较高的值（最多显示前 {similar} 个文档）。")),
)


def _command_table(name: str):
    """The maker of a command's own table ``name`` (``None`` when not given)."""
    return lambda d: d.command.get(name)


UPDATE_OUTPUTS = (
    Output("unit_novelty", "table", "update", _command_table("novelty"), _each(
        en="Each new unit: its nearest saved topic, its mean cosine to its nearest saved "
           "units, and whether it is new.",
        fr="Chaque nouvelle unité : son sujet enregistré le plus proche, son cosinus moyen "
           "à ses plus proches unités enregistrées, et si elle est nouvelle.",
        zh="每个新单元：最接近的已保存主题、与最近的已保存单元的平均余弦值，以及是否为新内容。")),
    Output("topic_shares", "table", "update", _command_table("shares"), _each(
        en="Each topic's share of the units in the saved run and in this update.",
        fr="La part des unités de chaque sujet dans l'analyse enregistrée et dans cette mise "
           "à jour.",
        zh="每个主题在已保存的分析和本次更新中所占的单元比例。")),
    Output("new_topics", "table", "update", _command_table("new_topics"), _each(
        en="Candidate new topics among the units no saved topic holds, with their words.",
        fr="Les sujets nouveaux possibles parmi les unités qu'aucun sujet enregistré ne "
           "retient, avec leurs mots.",
        zh="未归入任何已保存主题的单元中可能出现的新主题及其词语。")),
)
EDIT_OUTPUTS = (
    Output("topic_edits", "table", "edit", _command_table("edits"), _each(
        en="Each topic after the edits: its name (as renamed), size and words (the "
           "words of merged topics interleaved, the largest first).",
        fr="Chaque sujet après les modifications : son nom (renommé le cas échéant), sa "
           "taille et ses mots (ceux des sujets fusionnés entrelacés, le plus grand "
           "d'abord).",
        zh="修改后的每个主题：名称（如已重命名则为新名称）、规模及词语（合并主题的词语交错"
           "排列，最大的在前）。")),
)
OUTPUTS = OUTPUTS + UPDATE_OUTPUTS + EDIT_OUTPUTS


def outputs_of(*parts: str) -> tuple[Output, ...]:
    """The outputs of ``parts``, in :data:`OUTPUTS`' order."""
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown output parts: {sorted(unknown)}")
    return tuple(o for o in OUTPUTS if o.part in parts)


def output_for(stem: str, kind: str) -> Output | None:
    """The output a file stem belongs to: its own entry first, else its family's
    (``keywords_by_document`` is its own; ``keywords_by_desk`` is of ``keywords_by_``)."""
    same = [o for o in OUTPUTS if o.kind == kind and o.owns(stem)]
    exact = [o for o in same if not o.family]
    return (exact or sorted(same, key=lambda o: -len(o.name)) or [None])[0]


def make(output: Output, data: RunData) -> dict:
    """``{file stem: table or figure}`` that ``output`` makes from ``data`` (empty
    when the corpus has nothing for it)."""
    made = output.make(data)
    if made is None:
        return {}
    return dict(made) if output.family else {output.name: made}


def markdown(lang: str = "en") -> str:
    """The outputs as a Markdown table (the README's list: a test keeps it equal)."""
    lines = ["| file | part | what it holds |", "|---|---|---|"]
    for output in OUTPUTS:
        lines.append(f"| `{output.file}` | {output.part} | {output.caption_in(lang)} |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m analysis.report.outputs: the README's table
    print(markdown())
