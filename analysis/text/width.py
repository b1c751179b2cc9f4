"""Text width as a reader sees it: a Chinese, Japanese or Korean character takes two
columns, a combining mark none.

``textwrap.shorten`` and ``textwrap.wrap`` count characters and break only at spaces
and hyphens, so an unspaced Chinese label is either kept whole (twice as wide as a
Latin label of the same length) or, when shortened, replaced by the bare
placeholder. These functions measure in columns (:func:`display_width`) and break
text that has no spaces between its characters.

Text made only of one-column characters (French, English) is cut and wrapped
exactly as ``textwrap`` does it, so figures of such corpora do not change; the one
difference is that a first word wider than the limit is cut between characters
instead of leaving the placeholder alone.
"""

from __future__ import annotations

import textwrap
import unicodedata
from functools import lru_cache

# East Asian Width classes drawn two columns wide (Unicode Standard Annex #11).
_WIDE = frozenset("WF")
# Characters that must not start a line or be left behind by a cut: closing marks
# of Chinese and Japanese text (they stay with the character before them).
_CLOSING = frozenset("，。、；：！？）》」』】〕〉”’…・")


@lru_cache(maxsize=65536)
def char_width(char: str) -> int:
    """Columns taken by one character: 0 for a combining mark or a zero-width
    format character, 2 for an East Asian wide or fullwidth one, else 1
    (remembered per character: a corpus's titles and texts use a few thousand)."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in _WIDE else 1


def display_width(text: str) -> int:
    """The width of ``text`` in columns (see :func:`char_width`). ASCII text is
    as wide as it is long (no ASCII character is a mark, a format character or
    wide), which is read without looking at each character."""
    text = str(text)
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def _narrow(text: str) -> bool:
    """Whether every character of ``text`` is one column wide (the width is its
    length), so that ``textwrap``'s character counts are column counts."""
    return display_width(text) == len(text)


def cut_to_width(text: str, width: int) -> str:
    """The longest start of ``text`` at most ``width`` columns wide that does not
    part a character from the combining marks after it (``text[:width]`` for text
    of one-column characters); no placeholder is added."""
    used, end = 0, 0
    for i, char in enumerate(text):
        used += char_width(char)
        if used > width:
            break
        end = i + 1
    while 0 < end < len(text) and char_width(text[end]) == 0:
        end -= 1
    return text[:end]


def _atoms(word: str) -> list[str]:
    """``word`` (no spaces) in the pieces a line may break between: each wide
    character alone (with the closing marks and combining marks after it), and each
    run of narrow characters."""
    atoms: list[str] = []
    for char in word:
        wide = char_width(char) == 2
        if atoms and (char_width(char) == 0 or char in _CLOSING):
            atoms[-1] += char  # a mark stays with what it follows
        elif atoms and not wide and char_width(atoms[-1][-1]) != 2:
            atoms[-1] += char  # narrow after narrow: one Latin word or number
        else:
            atoms.append(char)
    return atoms


def shorten_to_width(text: str, width: int, placeholder: str = "…") -> str:
    """``text`` on one line (runs of white space made one space), cut so that it and
    ``placeholder`` fit in ``width`` columns.

    The cut falls where a line may break: at a space, as :func:`textwrap.shorten`
    cuts (text of one-column characters is cut by it), and between two Chinese or
    Japanese characters, so a text without spaces is cut between characters and a
    long clause after a space is not dropped whole; a Latin word is kept whole. When
    even the first piece is too wide, the text is cut between characters. A
    non-empty text never comes back as the placeholder alone: its first character
    is kept.
    """
    text = " ".join(str(text).split())
    if display_width(text) <= width:
        return text
    room = width - display_width(placeholder)
    head = ""
    if _narrow(text) and _narrow(placeholder):
        short = textwrap.shorten(text, width=width, placeholder=placeholder)
        if short.strip() != placeholder.strip():
            return short
    else:
        used = 0
        for k, word in enumerate(text.split(" ")):
            for i, atom in enumerate(_atoms(word)):
                piece = " " + atom if (k and not i) else atom
                used += display_width(piece)
                if used > room:
                    break
                head += piece
            else:
                continue
            break
        head = head.rstrip(" ，、；：,;:")
    if not head:
        head = cut_to_width(text, max(room, char_width(text[0]))).rstrip() or text[0]
    return head + placeholder


def wrap_to_width(text: str, width: int) -> list[str]:
    """``text`` as lines at most ``width`` columns wide, like :func:`textwrap.wrap`
    but measured in columns: lines break at spaces and between wide (Chinese)
    characters, never before a closing mark such as "，" or "。"; a Latin word
    wider than a line is broken between characters. Text of one-column characters
    is wrapped by :func:`textwrap.wrap` itself. An empty text gives no lines."""
    width = max(1, int(width))
    text = str(text)
    if _narrow(text):
        return textwrap.wrap(text, width)
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        for k, atom in enumerate(_atoms(word)):
            gap = 1 if (k == 0 and line) else 0
            w = display_width(atom)
            if line and used + gap + w <= width:
                line, used = line + " " * gap + atom, used + gap + w
                continue
            if line:
                lines.append(line)
            while w > width:  # one atom wider than a line: cut between characters
                piece = cut_to_width(atom, width) or atom[0]
                lines.append(piece)
                atom = atom[len(piece):]
                w = display_width(atom)
            line, used = atom, w
    if line:
        lines.append(line)
    return lines


def fill_to_width(text: str, width: int) -> str:
    """:func:`wrap_to_width` joined with newlines, like :func:`textwrap.fill`."""
    return "\n".join(wrap_to_width(text, width))
