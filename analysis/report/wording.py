"""The words of figures and of the report page, in English, French and Chinese.

``say(key, lang, **values)`` gives a phrase in ``lang`` (one of :data:`LANGUAGES`);
dates are written by :func:`format_date` with the language's month names (Chinese:
2026年1月31日), whatever the machine's locale, so a figure is the same bytes
everywhere. The run picks the
corpus's main language unless ``--lang`` says otherwise (:func:`report_language`).
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "zh")

PHRASES = {
    "en": {
        "keywords_by_document": "Top keywords per document",
        "keywords_by_language": "Top keywords per language",
        "minor_languages": " (languages under {share} of the units, {languages}, are in "
                           "keywords_by_language.csv)",
        "first_of": " (first {shown} of {total} {what})",
        "documents": "documents",
        "topics_largest": "topics, the largest",
        "language_panel": "language: {language}",
        "mean_tfidf": "mean TF-IDF weight",
        "ctfidf": "c-TF-IDF weight",
        "theme_shares_per": "Theme shares per {level}",
        "document": "document",
        "language_level": "language ({n} documents; each one in document_themes.csv)",
        "language_row": "{language} ({n} documents)",
        "share_of_words": "share of the document's words (0–1)",
        "other": "other",
        "theme_share": "theme share (0–1)",
        "similarity": "Document similarity, within and across languages",
        "cosine_range": "cosine similarity ({low} to {high} here)",
        "topic_keywords": "Topic keywords (in each language with a quarter of the topic's "
                          "units)",
        "unit_map": "Units by topic (PCA of centred embeddings, n={n})",
        "component": "component {k}",
        "themes_over_time": "Themes over time",
        "dated": " ({n} dated documents on {dates} dates)",
        "mean_theme_share": "mean theme share (0–1)",
        "publication_date": "publication date (n = documents on that date)",
        "document_length": "Document length",
        "words_after_cleaning": "words after cleaning",
        "report_title": "Corpus report: {corpus}",
        "lede": "What the run found, its figures and its main tables, in one file that opens "
                "offline. The tables and figure files it links to lie beside it.",
        "summary": "Summary",
        "figures": "Figures",
        "tables": "Tables",
        "files": "Files",
        "csv_tables": "Tables (CSV)",
        "interactive_views": "Interactive views",
        "no_views": "None: this run has no topic model to draw.",
        "other_files": "Other files",
        "summary_file": "{name} (this summary, as Markdown)",
        "footer": "Written by the <code>analysis</code> package (<code>python -m analysis "
                  "run</code>). Links are relative to this file.",
        "all_rows": "all {total} {what}",
        "first_rows": "first {shown} of {total} {what}",
        "full_table": "{count}; full table in {link}.",
        "not_shown": " Not shown here: {columns} ({why}).",
        "table_topics": "Topics",
        "table_keywords": "Keywords per document",
        "table_themes": "Theme shares per document",
        "what_topics": "topics",
        "what_documents": "documents",
        "top_keywords": "top {top} keywords",
        "shown_as_png": " Shown as PNG: the SVG is {mb} MB, too large to hold in this page.",
        "too_large": " The figure is too large to hold in this page.",
        "name_left_out": "the first terms of the terms columns",
    },
    "fr": {
        "keywords_by_document": "Principaux mots-clés par document",
        "keywords_by_language": "Principaux mots-clés par langue",
        "minor_languages": " (les langues de moins de {share} des unités, {languages}, sont "
                           "dans keywords_by_language.csv)",
        "first_of": " ({shown} premiers sur {total} {what})",
        "documents": "documents",
        "topics_largest": "sujets, les plus grands",
        "language_panel": "langue : {language}",
        "mean_tfidf": "poids TF-IDF moyen",
        "ctfidf": "poids c-TF-IDF",
        "theme_shares_per": "Part des thèmes par {level}",
        "document": "document",
        "language_level": "langue ({n} documents ; chacun dans document_themes.csv)",
        "language_row": "{language} ({n} documents)",
        "share_of_words": "part des mots du document (0–1)",
        "other": "autre",
        "theme_share": "part du thème (0–1)",
        "similarity": "Similarité des documents, dans une langue et d'une langue à l'autre",
        "cosine_range": "similarité cosinus (de {low} à {high} ici)",
        "topic_keywords": "Mots-clés des sujets (dans chaque langue qui a le quart de ses "
                          "unités)",
        "unit_map": "Unités par sujet (ACP des plongements centrés, n={n})",
        "component": "composante {k}",
        "themes_over_time": "Thèmes dans le temps",
        "dated": " ({n} documents datés, {dates} dates)",
        "mean_theme_share": "part moyenne du thème (0–1)",
        "publication_date": "date de publication (n = documents à cette date)",
        "document_length": "Longueur des documents",
        "words_after_cleaning": "mots après nettoyage",
        "report_title": "Rapport sur le corpus : {corpus}",
        "lede": "Ce que l'analyse a trouvé, ses figures et ses tableaux principaux, dans un seul "
                "fichier qui s'ouvre hors ligne. Les tableaux et les fichiers des figures "
                "auxquels il renvoie sont à côté de lui.",
        "summary": "Résumé",
        "figures": "Figures",
        "tables": "Tableaux",
        "files": "Fichiers",
        "csv_tables": "Tableaux (CSV)",
        "interactive_views": "Vues interactives",
        "no_views": "Aucune : cette analyse n'a pas de modèle de sujets à dessiner.",
        "other_files": "Autres fichiers",
        "summary_file": "{name} (ce résumé, en Markdown)",
        "footer": "Écrit par le paquet <code>analysis</code> (<code>python -m analysis "
                  "run</code>). Les liens sont relatifs à ce fichier.",
        "all_rows": "les {total} {what}",
        "first_rows": "{shown} premiers sur {total} {what}",
        "full_table": "{count} ; tableau complet dans {link}.",
        "not_shown": " Non montré ici : {columns} ({why}).",
        "table_topics": "Sujets",
        "table_keywords": "Mots-clés par document",
        "table_themes": "Part des thèmes par document",
        "what_topics": "sujets",
        "what_documents": "documents",
        "top_keywords": "{top} principaux mots-clés",
        "shown_as_png": " Montrée en PNG : le SVG fait {mb} Mo, trop pour cette page.",
        "too_large": " La figure est trop grande pour cette page.",
        "name_left_out": "les premiers termes des colonnes terms",
    },
    "zh": {
        "keywords_by_document": "各文档的主要关键词",
        "keywords_by_language": "各语言的主要关键词",
        "minor_languages": "（占单元不到 {share} 的语言 {languages} 见 "
                           "keywords_by_language.csv）",
        "first_of": "（仅显示前 {shown} 个{what}，共 {total} 个）",
        "documents": "文档",
        "topics_largest": "最大的主题",
        "language_panel": "语言：{language}",
        "mean_tfidf": "平均 TF-IDF 权重",
        "ctfidf": "c-TF-IDF 权重",
        "theme_shares_per": "主题占比（按{level}）",
        "document": "文档",
        "language_level": "语言；共 {n} 个文档，每个文档的数值见 document_themes.csv",
        "language_row": "{language}（{n} 个文档）",
        "share_of_words": "占文档词数的比例（0–1）",
        "other": "其他",
        "theme_share": "主题占比（0–1）",
        "similarity": "文档相似度（同一语言内与跨语言）",
        "cosine_range": "余弦相似度（此处为 {low} 至 {high}）",
        "topic_keywords": "主题关键词（列出拥有该主题四分之一单元的每种语言）",
        "unit_map": "按主题划分的单元（中心化嵌入的主成分分析，n={n}）",
        "component": "第 {k} 主成分",
        "themes_over_time": "主题随时间的变化",
        "dated": "（{n} 个有日期的文档，{dates} 个日期）",
        "mean_theme_share": "平均主题占比（0–1）",
        "publication_date": "发布日期（n = 该日期的文档数）",
        "document_length": "文档长度",
        "words_after_cleaning": "清洗后的词数",
        "report_title": "语料报告：{corpus}",
        "lede": "本次分析的发现、图表和主要表格，集中在一个可离线打开的文件中。"
                "它所链接的表格和图表文件与它位于同一文件夹。",
        "summary": "摘要",
        "figures": "图表",
        "tables": "表格",
        "files": "文件",
        "csv_tables": "表格（CSV）",
        "interactive_views": "交互视图",
        "no_views": "无：本次分析没有可绘制的主题模型。",
        "other_files": "其他文件",
        "summary_file": "{name}（本摘要的 Markdown 版本）",
        "footer": "由 <code>analysis</code> 软件包生成（<code>python -m analysis "
                  "run</code>）。链接均相对于本文件。",
        "all_rows": "全部 {total} 个{what}",
        "first_rows": "前 {shown} 个{what}，共 {total} 个",
        "full_table": "{count}；完整表格见 {link}。",
        "not_shown": " 此处未显示：{columns}（{why}）。",
        "table_topics": "主题",
        "table_keywords": "各文档的关键词",
        "table_themes": "各文档的主题占比",
        "what_topics": "主题",
        "what_documents": "文档",
        "top_keywords": "前 {top} 个关键词",
        "shown_as_png": " 以 PNG 显示：SVG 文件为 {mb} MB，过大，无法放入本页。",
        "too_large": " 图表过大，无法放入本页。",
        "name_left_out": "terms 各列的前几个词",
    },
}

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "zh": tuple(f"{m}月" for m in range(1, 13)),
}


def say(key: str, lang: str = "en", **values) -> str:
    """The phrase ``key`` in ``lang`` (English for any other language)."""
    phrases = PHRASES.get(lang, PHRASES["en"])
    return phrases[key].format(**values)


def format_date(date, lang: str = "en") -> str:
    """A day as "03 Jan 2026", "3 janv. 2026" or "2026年1月3日", without the machine's
    locale."""
    month = MONTHS.get(lang, MONTHS["en"])[date.month - 1]
    if lang == "zh":
        return f"{date.year}年{month}{date.day}日"
    if lang == "fr":
        return f"{date.day} {month} {date.year}"
    return f"{date.day:02d} {month} {date.year}"


def report_language(requested: str | None, corpus) -> str:
    """``requested`` (one of :data:`LANGUAGES`), or else the language of most
    documents when it is one of those, else English."""
    if requested:
        return requested
    from collections import Counter

    counts = Counter(doc.language for doc in corpus if doc.language in LANGUAGES)
    if not counts:
        return "en"
    return max(sorted(counts), key=counts.__getitem__)


CAPTIONS = {
    "en": {
        "keywords_by_document": "Top keywords per document: each document's terms and "
        "phrases with the highest TF-IDF weight, on one scale across panels (at most the "
        "first {docs} documents; every one is in keywords_by_document.csv).",
        "keywords_by_language": "Top keywords per language: the terms with the highest "
        "TF-IDF weight over all units in each language (a language with under {share} of "
        "the units has no panel).",
        "topic_keywords": "Topic keywords: each topic's top terms (class-based TF-IDF) in "
        "each language that holds a quarter of its units, one panel each (at most the "
        "{topics} largest topics).",
        "theme_shares_by_document": "Theme shares: the part of each document's words that "
        "goes to each theme, stacked, with the rest as \u201cother\u201d (per language past "
        "{themes} documents).",
        "theme_heatmap": "Theme shares as a grid, one cell per document and theme, with the "
        "value in each cell (per language past {themes} documents).",
        "crosslingual_similarity": "Document similarity: the cosine between the documents' "
        "embeddings, within and across languages; translations of one story stand out as "
        "high values (at most the first {similar} documents).",
        "unit_map": "Map of the units: each unit placed by the first two principal "
        "components of its language-centred embedding; colour is the topic, marker the "
        "language.",
        "themes_over_time": "Theme shares over time: the mean share of each theme among the "
        "documents of each date.",
    },
    "fr": {
        "keywords_by_document": "Principaux mots-clés par document : les termes et "
        "expressions de plus fort poids TF-IDF de chaque document, sur une même échelle "
        "(au plus les {docs} premiers documents ; tous sont dans keywords_by_document.csv).",
        "keywords_by_language": "Principaux mots-clés par langue : les termes de plus fort "
        "poids TF-IDF sur toutes les unités de chaque langue (une langue de moins de {share} "
        "des unités n'a pas de panneau).",
        "topic_keywords": "Mots-clés des sujets : les premiers termes de chaque sujet "
        "(TF-IDF par classe) dans chaque langue qui a le quart de ses unités, un panneau "
        "par langue (au plus les {topics} plus grands sujets).",
        "theme_shares_by_document": "Part des thèmes : la part des mots de chaque document "
        "qui revient à chaque thème, empilée, le reste étant « autre » (par langue au-delà "
        "de {themes} documents).",
        "theme_heatmap": "Part des thèmes en grille, une case par document et par thème, "
        "avec la valeur dans chaque case (par langue au-delà de {themes} documents).",
        "crosslingual_similarity": "Similarité des documents : le cosinus entre les "
        "plongements des documents, dans une langue et d'une langue à l'autre ; les "
        "traductions d'un même article ressortent par des valeurs élevées (au plus les "
        "{similar} premiers documents).",
        "unit_map": "Carte des unités : chaque unité placée selon les deux premières "
        "composantes principales de son plongement centré par langue ; la couleur est le "
        "sujet, le marqueur la langue.",
        "themes_over_time": "Part des thèmes dans le temps : la part moyenne de chaque thème "
        "parmi les documents de chaque date.",
    },
    "zh": {
        "keywords_by_document": "各文档的主要关键词：每个文档中 TF-IDF 权重最高的词和短语，"
        "各面板使用同一刻度（最多显示前 {docs} 个文档；全部文档见 keywords_by_document.csv）。",
        "keywords_by_language": "各语言的主要关键词：每种语言全部单元中 TF-IDF 权重最高的词"
        "（占单元不到 {share} 的语言没有单独的面板）。",
        "topic_keywords": "主题关键词：每个主题的主要词语（基于类别的 TF-IDF），拥有该主题"
        "四分之一单元的每种语言各占一个面板（最多显示 {topics} 个最大的主题）。",
        "theme_shares_by_document": "主题占比：每个文档的词语归入各主题的比例，堆叠显示，"
        "其余为\u201c其他\u201d（超过 {themes} 个文档时按语言汇总）。",
        "theme_heatmap": "主题占比网格：每格对应一个文档和一个主题，格内标出数值"
        "（超过 {themes} 个文档时按语言汇总）。",
        "crosslingual_similarity": "文档相似度：文档嵌入之间的余弦值，包括同一语言内和跨语言；"
        "同一报道的不同译本表现为较高的值（最多显示前 {similar} 个文档）。",
        "unit_map": "单元分布图：每个单元按其经语言中心化的嵌入的前两个主成分定位；颜色表示"
        "主题，标记形状表示语言。",
        "themes_over_time": "主题占比随时间的变化：每个日期的文档中各主题的平均占比。",
    },
}
