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
        "sum_title": "Corpus summary", "sum_corpus": "Corpus: ",
        "sum_documents": "Documents analysed: {n}; skipped or flagged files: {problems}",
        "sum_units": "Units: {n}",
        "sum_more": "… and {n} more {what}: see `tables/{table}`",
        "sum_keywords_language": "Keywords per language",
        "sum_keywords_document": "Keywords per document",
        "sum_problems": "Files with problems", "sum_what_problems": "problems",
        "sum_method": "How the topics were made", "sum_topics": "Topics",
        "sum_topic_units": "{n} units", "sum_topic_size": "{docs} documents, {n} units",
        "sum_themes": "Themes", "sum_mean_over": "Mean theme share over all {n} documents:",
        "sum_all": "all", "sum_themes_file": "Each document's shares: `tables/document_themes.csv`",
        "sum_pairs": "Translation pairs", "sum_cosine": "cosine", "sum_what_pairs": "pairs",
        "sum_matched": ", {share}% of paragraphs matched",
        "sum_topic_model": "Topic model:", "sum_full": "Full summary: {path}",
        "topics_by_group": "Topics by {column} (mean share of the group's documents)",
        "topics_over_time": "Topics over time (per {period}; n = dated documents)",
        "period_day": "day", "period_week": "week", "period_month": "month",
        "period_quarter": "quarter",
        "week_of": "week of {date}",
        "mean_topic_share": "mean topic share (0–1)",
        "other_topics": "{n} other topics",
        "findings": "What was found", "sections": "Sections",
        "corpus_line": "{docs} documents, cut into {units} passages (units), fall into "
                       "{topics} topics.",
        "dated_span": " They are dated from {first} to {last}.",
        "topics_by_size": "Topics, the largest first (a document counts for its main topic)",
        "col_topic": "Topic", "col_documents": "Documents", "col_units": "Passages",
        "col_share_corpus": "Share of the documents", "col_title": "Title",
        "col_found": "{theme}: found", "col_confidence": "{theme}: confidence",
        "col_theme_share": "{theme}: share of the document",
        "col_date": "Date", "col_share_doc": "Share of the document",
        "col_main": "Main topic", "col_terms": "Terms", "col_period": "Period", "yes": "yes",
        "no_topics": "No topics: this run has no topic model.",
        "group_topic": "{group}: {topic} ({share} against {overall} overall)",
        "and_more": "and {n} more",
        "by_group_note": "The topic most over-represented in each {column}:",
        "time_note": "{n} periods hold documents; the busiest is {busiest} ({docs} "
                     "documents).",
        "time_note_one": "{n} periods hold documents, one each at most; the first is "
                         "{busiest}.",
        "words": "Words:", "words_in": "Words ({language}):",
        "passages": "Representative passages",
        "topic_documents": "Documents",
        "theme_note": "{theme}: found in {found} of the {n} documents ({share}).",
        "theme_in_none": "Found in no document: {themes}.",
        "no_theme_found": "None of the {n} documents is about any of the themes ({themes}).",
        "show_all_documents": "Show all {n} documents",
        "show_first_documents": "Show the first {n} only",
        "topic_documents_note": "{shown} of {total} documents: those whose main topic it "
                                "is or that give it at least {share} of their words, the "
                                "largest share first.",
        "full_table_in": "Every document is in {link}.",
        "all_in": "The full table: {link}.",
        "topics_heading": "Topics and their documents",
        "topics_intro": "Each topic with its size, its words, three passages nearest its "
                        "centre and its documents. Type in the box to keep only the "
                        "documents whose text holds every word typed.",
        "filter_label": "Filter documents:",
        "filter_placeholder": "words in the text or title",
        "filter_found": "{n} documents match",
        "topic_size": "{docs} documents (main topic), {units} passages",
        "theme_label": "closest theme: {theme}",
        "groups_heading": "Topics by group",
        "by_column": "By {column}",
        "no_groups": "No document has a value for {column}.",
        "group_table_caption": "Mean topic share of each {column}'s documents (in brackets: "
                               "documents with it as main topic)",
        "groups_left_out": "The {shown} largest of {total} groups are shown.",
        "distinctive_terms": "Distinctive terms of each group",
        "time_heading": "Over time",
        "themes_heading": "Themes",
        "keywords_heading": "Keywords",
        "more_figures": "More figures",
        "method_heading": "How this was made",
        "method_intro": "The texts were cleaned and cut into passages (paragraphs); each "
                        "passage was turned into a vector by a language model and grouped "
                        "with the passages nearest it into topics; a topic's words are "
                        "those that set its passages apart. A document's share of a topic "
                        "is the share of its words in passages of that topic. The details "
                        "follow.",
        "one_language": "All documents are in one language: the cross-language comparison "
                        "is left out of the page (its figure is in the figures folder).",
        "no_dates": "The documents have no dates: there is no view over time.",
        "update_title": "Update: {corpus}",
        "report_page_at": "Report page: {path}",
        "update_changes": "What changed since the saved analysis",
        "update_heading": "Update of {model} with {corpus}",
        "update_sizes": "{docs} document(s), {units} unit(s). {new} unit(s) ({share}) are new: "
                        "their mean cosine to their {k} nearest saved units is below "
                        "{threshold}.",
        "update_min_size": "New units form a candidate new topic from {n} units up.",
        "update_topic": "topic", "update_name": "name", "update_then": "share then",
        "update_now": "share now", "update_change": "change",
        "update_candidates": "Candidate new topics:",
        "update_units": "{n} units",
        "new_topic_name": "new · far from every saved topic",
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
        "sum_title": "Résumé du corpus", "sum_corpus": "Corpus : ",
        "sum_documents": "Documents analysés : {n} ; fichiers écartés ou signalés : {problems}",
        "sum_units": "Unités : {n}",
        "sum_more": "… et {n} autres {what} : voir `tables/{table}`",
        "sum_keywords_language": "Mots-clés par langue",
        "sum_keywords_document": "Mots-clés par document",
        "sum_problems": "Fichiers posant problème", "sum_what_problems": "problèmes",
        "sum_method": "Comment les sujets ont été faits", "sum_topics": "Sujets",
        "sum_topic_units": "{n} unités", "sum_topic_size": "{docs} documents, {n} unités",
        "sum_themes": "Thèmes",
        "sum_mean_over": "Part moyenne des thèmes sur les {n} documents :",
        "sum_all": "tous",
        "sum_themes_file": "Les parts de chaque document : `tables/document_themes.csv`",
        "sum_pairs": "Paires de traductions", "sum_cosine": "cosinus", "sum_what_pairs": "paires",
        "sum_matched": ", {share} % des paragraphes appariés",
        "sum_topic_model": "Modèle de sujets (détail technique, en anglais) :",
        "sum_full": "Résumé complet : {path}",
        "topics_by_group": "Sujets par {column} (part moyenne dans les documents du groupe)",
        "topics_over_time": "Sujets dans le temps (par {period} ; n = documents datés)",
        "period_day": "jour", "period_week": "semaine", "period_month": "mois",
        "period_quarter": "trimestre",
        "week_of": "semaine du {date}",
        "mean_topic_share": "part moyenne du sujet (0–1)",
        "other_topics": "{n} autres sujets",
        "findings": "Ce que l'analyse a trouvé", "sections": "Sections",
        "corpus_line": "{docs} documents, découpés en {units} passages, se répartissent en "
                       "{topics} sujets.",
        "dated_span": " Ils sont datés du {first} au {last}.",
        "topics_by_size": "Sujets, du plus grand au plus petit (un document compte pour son "
                          "sujet principal)",
        "col_topic": "Sujet", "col_documents": "Documents", "col_units": "Passages",
        "col_share_corpus": "Part des documents", "col_title": "Titre",
        "col_found": "{theme} : trouvé", "col_confidence": "{theme} : confiance",
        "col_theme_share": "{theme} : part du document",
        "col_date": "Date", "col_share_doc": "Part du document",
        "col_main": "Sujet principal", "col_terms": "Termes", "col_period": "Période", "yes": "oui",
        "no_topics": "Aucun sujet : cette analyse n'a pas de modèle de sujets.",
        "group_topic": "{group} : {topic} ({share} contre {overall} en tout)",
        "and_more": "et {n} autres",
        "by_group_note": "Le sujet le plus surreprésenté dans chaque {column} :",
        "time_note": "{n} périodes comptent des documents ; la plus chargée est {busiest} "
                     "({docs} documents).",
        "time_note_one": "{n} périodes comptent chacune un document au plus ; la première "
                         "est {busiest}.",
        "words": "Mots :", "words_in": "Mots ({language}) :",
        "passages": "Passages représentatifs",
        "topic_documents": "Documents",
        "theme_note": "{theme} : trouvé dans {found} des {n} documents ({share}).",
        "theme_in_none": "Trouvé dans aucun document : {themes}.",
        "no_theme_found": "Aucun des {n} documents ne traite des thèmes ({themes}).",
        "show_all_documents": "Afficher les {n} documents",
        "show_first_documents": "N'afficher que les {n} premiers",
        "topic_documents_note": "{shown} documents sur {total} : ceux dont c'est le sujet "
                                "principal ou qui lui consacrent au moins {share} de leurs "
                                "mots, la plus grande part d'abord.",
        "full_table_in": "Tous les documents sont dans {link}.",
        "all_in": "Le tableau complet : {link}.",
        "topics_heading": "Les sujets et leurs documents",
        "topics_intro": "Chaque sujet avec sa taille, ses mots, les trois passages les plus "
                        "proches de son centre et ses documents. Tapez dans la case pour ne "
                        "garder que les documents dont le texte contient tous les mots "
                        "tapés.",
        "filter_label": "Filtrer les documents :",
        "filter_placeholder": "mots du texte ou du titre",
        "filter_found": "{n} documents correspondent",
        "topic_size": "{docs} documents (sujet principal), {units} passages",
        "theme_label": "thème le plus proche : {theme}",
        "groups_heading": "Sujets par groupe",
        "by_column": "Par {column}",
        "no_groups": "Aucun document n'a de valeur pour {column}.",
        "group_table_caption": "Part moyenne de chaque sujet dans les documents de chaque "
                               "{column} (entre parenthèses : documents dont c'est le sujet "
                               "principal)",
        "groups_left_out": "Les {shown} plus grands groupes sur {total} sont montrés.",
        "distinctive_terms": "Termes distinctifs de chaque groupe",
        "time_heading": "Dans le temps",
        "themes_heading": "Thèmes",
        "keywords_heading": "Mots-clés",
        "more_figures": "Autres figures",
        "method_heading": "Comment ce rapport a été fait",
        "method_intro": "Les textes ont été nettoyés et découpés en passages (paragraphes) ; "
                        "chaque passage a été transformé en vecteur par un modèle de langue "
                        "et regroupé en sujets avec les passages les plus proches ; les mots "
                        "d'un sujet sont ceux qui distinguent ses passages. La part d'un "
                        "sujet dans un document est la part de ses mots dans les passages de "
                        "ce sujet. Le détail suit.",
        "one_language": "Tous les documents sont dans une seule langue : la comparaison entre "
                        "langues n'est pas montrée (sa figure est dans le dossier des "
                        "figures).",
        "no_dates": "Les documents n'ont pas de date : il n'y a pas de vue dans le temps.",
        "update_title": "Mise à jour : {corpus}",
        "report_page_at": "Page du rapport : {path}",
        "update_changes": "Ce qui a changé depuis l'analyse enregistrée",
        "update_heading": "Mise à jour de {model} avec {corpus}",
        "update_sizes": "{docs} document(s), {units} unité(s). {new} unité(s) ({share}) sont "
                        "nouvelles : leur cosinus moyen à leurs {k} plus proches unités "
                        "enregistrées est inférieur à {threshold}.",
        "update_min_size": "Des unités nouvelles forment un sujet candidat à partir de {n} "
                           "unités.",
        "update_topic": "sujet", "update_name": "nom", "update_then": "part avant",
        "update_now": "part maintenant", "update_change": "écart",
        "update_candidates": "Nouveaux sujets candidats :",
        "update_units": "{n} unités",
        "new_topic_name": "nouveau · loin de tous les sujets enregistrés",
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
        "sum_title": "语料摘要", "sum_corpus": "语料：",
        "sum_documents": "分析的文档：{n}；跳过或标记的文件：{problems}",
        "sum_units": "单元：{n}",
        "sum_more": "……另有 {n} 个{what}：见 `tables/{table}`",
        "sum_keywords_language": "各语言的关键词",
        "sum_keywords_document": "各文档的关键词",
        "sum_problems": "有问题的文件", "sum_what_problems": "问题",
        "sum_method": "主题是如何得出的", "sum_topics": "主题",
        "sum_topic_units": "{n} 个单元", "sum_topic_size": "{docs} 个文档，{n} 个单元",
        "sum_themes": "主题类别", "sum_mean_over": "全部 {n} 个文档的主题类别平均占比：",
        "sum_all": "全部", "sum_themes_file": "各文档的占比：`tables/document_themes.csv`",
        "sum_pairs": "译文配对", "sum_cosine": "余弦", "sum_what_pairs": "对",
        "sum_matched": "，{share}% 的段落已匹配",
        "sum_topic_model": "主题模型（技术细节，英文）：", "sum_full": "完整摘要：{path}",
        "topics_by_group": "按{column}划分的主题（该组文档中的平均占比）",
        "topics_over_time": "主题随时间的变化（每{period}；n = 有日期的文档数）",
        "period_day": "日", "period_week": "周", "period_month": "月",
        "period_quarter": "季度",
        "week_of": "{date}当周",
        "mean_topic_share": "主题平均占比（0–1）",
        "other_topics": "其他 {n} 个主题",
        "findings": "主要发现", "sections": "章节",
        "corpus_line": "{docs} 个文档，切分为 {units} 个段落，归入 {topics} 个主题。",
        "dated_span": "文档日期从 {first} 到 {last}。",
        "topics_by_size": "主题，按大小排列（每个文档计入其主要主题）",
        "col_topic": "主题", "col_documents": "文档数", "col_units": "段落数",
        "col_share_corpus": "占文档比例", "col_title": "标题",
        "col_found": "{theme}：是否涉及", "col_confidence": "{theme}：置信度",
        "col_theme_share": "{theme}：占文档比例",
        "col_date": "日期", "col_share_doc": "占该文档比例",
        "col_main": "主要主题", "col_terms": "词语", "col_period": "时期", "yes": "是",
        "no_topics": "没有主题：本次运行没有主题模型。",
        "group_topic": "{group}：{topic}（{share}，总体为 {overall}）",
        "and_more": "另有 {n} 个",
        "by_group_note": "各{column}中占比最突出的主题：",
        "time_note": "共 {n} 个时期有文档；文档最多的是 {busiest}（{docs} 个文档）。",
        "time_note_one": "共 {n} 个时期有文档，每个时期至多 1 个；第一个是 {busiest}。",
        "words": "词语：", "words_in": "词语（{language}）：",
        "passages": "代表性段落",
        "topic_documents": "文档",
        "theme_note": "{theme}：{n} 个文档中有 {found} 个涉及（{share}）。",
        "theme_in_none": "没有文档涉及：{themes}。",
        "no_theme_found": "{n} 个文档均不涉及任何主题（{themes}）。",
        "show_all_documents": "显示全部 {n} 个文档",
        "show_first_documents": "只显示前 {n} 个",
        "topic_documents_note": "共 {total} 个文档，显示 {shown} 个：以该主题为主要主题，"
                                "或至少 {share} 的词语属于该主题的文档，占比高者在前。",
        "full_table_in": "全部文档见 {link}。",
        "all_in": "完整表格：{link}。",
        "topics_heading": "主题及其文档",
        "topics_intro": "每个主题的规模、词语、最接近其中心的三个段落及其文档。在框中输入，"
                        "只保留文本包含所有输入词语的文档。",
        "filter_label": "筛选文档：",
        "filter_placeholder": "文本或标题中的词语",
        "filter_found": "{n} 个文档符合",
        "topic_size": "{docs} 个文档（主要主题），{units} 个段落",
        "theme_label": "最接近的主题类别：{theme}",
        "groups_heading": "按组划分的主题",
        "by_column": "按{column}",
        "no_groups": "没有文档具有 {column} 的值。",
        "group_table_caption": "各{column}文档中每个主题的平均占比（括号内：以其为主要主题的"
                               "文档数）",
        "groups_left_out": "显示 {total} 个组中最大的 {shown} 个。",
        "distinctive_terms": "各组的区分性词语",
        "time_heading": "随时间的变化",
        "themes_heading": "主题类别",
        "keywords_heading": "关键词",
        "more_figures": "其他图表",
        "method_heading": "方法说明",
        "method_intro": "文本经过清洗并切分为段落；每个段落由语言模型转换为向量，并与最接近的"
                        "段落归为主题；主题的词语是使其段落与众不同的词语。文档中某主题的占比，"
                        "是该文档属于该主题段落的词语所占比例。详情如下。",
        "one_language": "所有文档均为同一种语言：页面不显示跨语言比较"
                        "（其图表在 figures 文件夹中）。",
        "no_dates": "文档没有日期：没有随时间变化的视图。",
        "update_title": "更新：{corpus}",
        "report_page_at": "报告页面：{path}",
        "update_changes": "与已保存分析相比的变化",
        "update_heading": "用 {corpus} 更新 {model}",
        "update_sizes": "{docs} 篇文档，{units} 个单元。其中 {new} 个单元（{share}）是新的："
                        "它们与最接近的 {k} 个已保存单元的平均余弦低于 {threshold}。",
        "update_min_size": "新单元达到 {n} 个及以上时组成候选新主题。",
        "update_topic": "主题", "update_name": "名称", "update_then": "此前占比",
        "update_now": "现在占比", "update_change": "变化",
        "update_candidates": "候选新主题：",
        "update_units": "{n} 个单元",
        "new_topic_name": "新 · 与所有已保存主题都相距较远",
    },
}

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "zh": tuple(f"{m}月" for m in range(1, 13)),
}


# When a count takes the singular noun: English "1 document", French "0 document" and
# "1 document" (Chinese nouns have no plural).
SINGULAR = {"en": frozenset({1}), "fr": frozenset({0, 1})}


def say(key: str, lang: str = "en", **values) -> str:
    """The phrase ``key`` in ``lang`` (English for any other language). A count
    followed by a plural noun ("{docs} documents") takes the singular noun where the
    language says so ("1 document", French "0 unité")."""
    phrases = PHRASES.get(lang, PHRASES["en"])
    return singular_nouns(phrases[key], lang, values).format(**values)


def singular_nouns(template: str, lang: str, values: dict) -> str:
    """``template`` with the plural noun after each integer value that is singular in
    ``lang`` made singular ("{docs} documents" -> "{docs} document")."""
    import numbers
    import re

    singular = SINGULAR.get(lang if lang in PHRASES else "en", frozenset())
    for name, value in values.items():
        if isinstance(value, numbers.Integral) and not isinstance(value, bool) \
                and int(value) in singular:
            template = re.sub(r"(\{" + re.escape(name) + r"\} \w+)s\b", r"\1", template)
    return template


def format_date(date, lang: str = "en") -> str:
    """A day as "03 Jan 2026", "3 janv. 2026" or "2026年1月3日", without the machine's
    locale."""
    month = MONTHS.get(lang, MONTHS["en"])[date.month - 1]
    if lang == "zh":
        return f"{date.year}年{month}{date.day}日"
    if lang == "fr":
        return f"{date.day} {month} {date.year}"
    return f"{date.day:02d} {month} {date.year}"


# Readable names of the columns the page shows from the CSVs, per language.
COLUMN_NAMES = {
    "en": {"document": "Document", "doc_id": "Id", "language": "Language", "date": "Date",
           "other": "Other", "topic": "Topic", "count": "Units", "title": "Title"},
    "fr": {"document": "Document", "doc_id": "Identifiant", "language": "Langue",
           "date": "Date", "other": "Autre", "topic": "Sujet", "count": "Unités",
           "title": "Titre"},
    "zh": {"document": "文档", "doc_id": "编号", "language": "语言", "date": "日期",
           "other": "其他", "topic": "主题", "count": "单元数", "title": "标题"},
}


def column_label(name: str, lang: str = "en", labels: dict | None = None) -> str:
    """A column's name as a reader reads it: a known column in ``lang``, a key of
    ``labels`` (themes: ``{key: label}``) by its label, ``n_fr`` as "Units (fr)",
    ``terms_fr`` as "Terms (fr)"; any other with its underscores as spaces."""
    names = COLUMN_NAMES.get(lang, COLUMN_NAMES["en"])
    if name in names:
        return names[name]
    if labels and name in labels:
        return str(labels[name])
    for suffix, key in (("_found", "col_found"), ("_confidence", "col_confidence"),
                        ("_share", "col_theme_share")):
        if labels and name.endswith(suffix) and name[:-len(suffix)] in labels:
            return say(key, lang, theme=labels[name[:-len(suffix)]])
    for prefix, key in (("n_", "count"), ("terms_", "col_terms")):
        if name.startswith(prefix) and 2 <= len(name) - len(prefix) <= 3:
            head = names["count"] if key == "count" else say(key, lang)
            return f"{head} ({name[len(prefix):]})"
    return name.replace("_", " ")


def format_period(start, kind: str, lang: str = "en") -> str:
    """A period by its first day, as ``lang`` writes it: a day as :func:`format_date`,
    a week by its Monday, a month ("Jan 2026", "janv. 2026", "2026年1月"), a quarter
    ("Q1 2026", "T1 2026", "2026年第1季度")."""
    if kind == "week":
        return say("week_of", lang, date=format_date(start, lang))
    if kind == "month":
        month = MONTHS.get(lang, MONTHS["en"])[start.month - 1]
        return f"{start.year}年{month}" if lang == "zh" else f"{month} {start.year}"
    if kind == "quarter":
        q = (start.month - 1) // 3 + 1
        return {"fr": f"T{q} {start.year}", "zh": f"{start.year}年第{q}季度"}.get(
            lang, f"Q{q} {start.year}")
    return format_date(start, lang)


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
