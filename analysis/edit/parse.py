"""The edits as the analyst writes them: ``--merge 4,7``, ``--rename 4="Catalan
independence"``, a labels file."""

from __future__ import annotations

from analysis.errors import UserInputError


def _topic_id(text: str, option: str, whole: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise UserInputError(f"{option} {whole}: {text.strip()!r} is not a topic id. Give "
                             "the numbers of the topic column of topic_info.csv.") from None


def parse_merges(values) -> list:
    """``["4,7", "1,2,3"]`` -> ``[[4, 7], [1, 2, 3]]``."""
    merges = []
    for value in values:
        ids = [_topic_id(p, "--merge", value) for p in str(value).split(",") if p.strip()]
        if len(ids) < 2 or len(set(ids)) < len(ids):
            raise UserInputError(f"--merge {value}: give two or more different topic ids, "
                                 "separated by commas (--merge 4,7).")
        merges.append(ids)
    return merges


def parse_renames(values) -> dict:
    """``['4=Catalan independence']`` -> ``{4: "Catalan independence"}``."""
    renames = {}
    for value in values:
        if "=" not in str(value):
            raise UserInputError(f"--rename {value}: give ID=\"NAME\" (--rename "
                                 "4=\"Catalan independence\").")
        key, name = str(value).split("=", 1)
        name = " ".join(name.strip().strip("\"'").split())
        if not name:
            raise UserInputError(f"--rename {value}: the name is empty. Give "
                                 "ID=\"NAME\".")
        renames[_topic_id(key, "--rename", value)] = name
    return renames


def read_labels(path) -> tuple[list, dict]:
    """``(merges, renames)`` of a labels file: CSV with the columns ``topic`` and
    ``name`` (a new name; empty keeps it) and optionally ``merge_into`` (the topic
    that this one joins)."""
    import io

    import pandas as pd

    from analysis.io.corpus import read_option_file

    text = read_option_file("--labels", path, "a CSV file with the columns topic,name")
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            sep=None, engine="python")
    except (ValueError, pd.errors.ParserError) as err:
        raise UserInputError(f"--labels {path}: not a readable CSV ({err}).") from None
    table.columns = [c.strip().lower() for c in table.columns]
    if "topic" not in table.columns or not ({"name", "merge_into"} & set(table.columns)):
        raise UserInputError(f"--labels {path}: needs a 'topic' column and a 'name' or "
                             "'merge_into' column (topic,name).")
    merges, renames = [], {}
    for row in table.to_dict("records"):
        topic = _topic_id(row["topic"], "--labels", str(path))
        into = str(row.get("merge_into", "")).strip()
        if into:
            merges.append([_topic_id(into, "--labels", str(path)), topic])
        name = " ".join(str(row.get("name", "")).split())
        if name:
            renames[topic] = name
    return merges, renames
