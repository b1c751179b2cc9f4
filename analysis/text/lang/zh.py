"""Chinese (simplified and traditional): words are found by a segmenter, not by
spaces.

- **Segmenter**: rjieba (jieba's dictionary and algorithm in Rust) in its
  dictionary-only mode (no HMM for unknown words): the same cut as jieba's
  ``cut(text, HMM=False)`` on every headline measured, about 12 times faster, and
  it neither prints nor writes a cache file (jieba writes ``jieba.cache`` to the
  temporary folder and logs to stderr). Only runs of Chinese characters are
  segmented; Latin words, numbers and codes inside them ("AI芯片", "5G") are read
  as in a spaced language.
- **Traditional characters** are converted to simplified ones (OpenCC's ``t2s``,
  character for character) before segmentation, so "臺灣經濟" is cut as "台湾经济"
  is; the tokens keep their traditional form for display, and their lemma is the
  simplified form, so both scripts count as one term.
- **Runs**: punctuation (。，、；：！？“”《》 and their ASCII forms after cleaning),
  white space between Chinese characters (a headline's clause break), numbers
  (digits, and numerals written in characters: 三, 十二, 第一), stop words
  (stopwords-iso's Chinese list and a few news words), function words that the
  lists miss, told by their part of speech in jieba's dictionary (adverbs such as
  "并未", "大幅"; particles, pronouns, measure words) and single characters break a
  phrase.
- **Phrases** are written without spaces ("人工智能" + "治理" -> "人工智能治理") and
  hold at most :attr:`ChineseProfile.max_phrase_chars` characters: a longer one is
  a clause, not a term; a single dictionary word (a name, a fixed term such as
  "中华人民共和国国务院") is never cut.
- **Sentences** end after 。！？； (or ! ? ;), with any closing quote or bracket.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.lang.base import HAN, TOKEN, LanguageProfile

_HAN_RUN = re.compile(f"[{HAN}]+")
_HAN_CHAR = re.compile(f"[{HAN}]")
# outside runs of Chinese characters: the spaced tokens, white space (a break
# between two Chinese runs) and any other character (punctuation: a break)
_OTHER = re.compile(TOKEN.pattern + r"|\s+|\S")
_SENTENCE = re.compile(r"[。！？；!?;]+")
# after a sentence's end: closing quotes and brackets (a straight quote only when
# it closes one the sentence opened)
_CLOSING = re.compile(r"[」』”’）)\]】\"']*")
# numbers written in characters, with an ordinal prefix or a unit of time or count
_NUMERAL = re.compile(r"^第?[〇零一二三四五六七八九十百千万亿两几半]+"
                      r"[年月日号时分秒点个次岁届名位倍成]?$")

# news words stopwords-iso does not list: reporting verbs, time adverbs
_NEWS_STOP_WORDS = frozenset({
    "表示", "记者", "报道", "日电", "消息", "今年", "去年", "明年", "目前", "今天", "昨天",
    "明天", "日前", "近日", "近期", "已经", "进行", "认为", "指出", "相关", "有关", "其中",
    "方面", "通过", "可以", "没有", "一个", "这个", "那个", "不是", "就是", "还是", "以及",
    "之后", "之前", "之间", "此外", "同时", "因此", "然而", "但是", "如果", "虽然", "而且",
    "或者", "还有", "这些", "那些", "这样", "可能", "需要", "成为", "一些", "很多", "不少",
    "继续", "开始", "出现", "情况", "一起", "一定", "一直", "非常", "最新", "如何", "为何",
    "怎么", "什么", "哪些", "多少", "不会", "不能", "将会", "正在", "曾经", "超过", "达到",
})


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=200_000)
def simplified(text: str) -> str:
    """``text`` with traditional characters as simplified ones, character for
    character (the result has the same length, so positions carry over)."""
    converter = _t2s()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    # a phrase conversion changed the length: convert character by character
    chars = []
    for char in text:
        one = converter.convert(char)
        chars.append(one if len(one) == 1 else char)
    return "".join(chars)


# parts of speech (jieba's tags, by first letter) of function words
FUNCTION_TAGS = frozenset("dpcurmqyeo")


@lru_cache(maxsize=200_000)
def _function_tag(word: str) -> bool:
    import rjieba

    tagged = rjieba.tag(word, False)
    # "eng" is jieba's tag for a Latin word ("AI", "iPhone"), not an interjection
    # ("e"): a Latin word is read as in a spaced language
    return len(tagged) == 1 and tagged[0][1] != "eng" and tagged[0][1][:1] in FUNCTION_TAGS


def rjieba_cut(text: str) -> list[str]:
    """The default segmenter: rjieba's dictionary cut (no HMM)."""
    import rjieba

    return rjieba.cut(text, False)


@lru_cache(maxsize=1)
def _jieba():
    """jieba's tokeniser, loaded from its dictionary without writing its cache file
    to the temporary folder and without logging."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True
    return tokenizer


def jieba_cut(text: str) -> list[str]:
    """jieba's dictionary cut (no HMM), the same words as :func:`rjieba_cut`
    (jieba is not a dependency: install it to use this one)."""
    return _jieba().lcut(text, HMM=False)


SEGMENTERS = {"rjieba": rjieba_cut, "jieba": jieba_cut}


# a letter or digit of a script written with spaces
_SPACED_ALNUM = re.compile(r"[^\W_\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# texts up to this long have their tokens memoised (a headline, a paragraph)
MEMO_TEXT_CHARS = 4000


@lru_cache(maxsize=50_000)
def _memo_tokens(text: str, segmenter) -> tuple[str, ...]:
    return tuple(_tokens(text, segmenter))


@lru_cache(maxsize=50_000)
def _memo_words(text: str, segmenter) -> list[str]:
    return [t for t in _memo_tokens(text, segmenter) if t[:1].isalpha()]


def _tokens(text: str, segmenter) -> list[str]:
    """See :meth:`ChineseProfile.tokens`."""
    cut = segmenter or rjieba_cut
    out: list[str] = []
    append = out.append
    position = 0
    for match in _HAN_RUN.finditer(text):
        start, end = match.span()
        if start > position:
            _other(text[position:start], out)
        at = start
        words = cut(simplified(match.group(0)))
        if sum(map(len, words)) != end - start:  # a segmenter that drops or adds text
            words = list(match.group(0))
        for word in words:
            size = len(word)
            append(text[at:at + size])
            at += size
        position = end
    if position < len(text):
        _other(text[position:], out)
    return out


@lru_cache(maxsize=50_000)
def _memo_count(text: str, segmenter) -> int:
    return _count_words(_memo_tokens(text, segmenter))


def _count_words(tokens) -> int:
    return len(tokens) - sum(1 for t in tokens if not t[:1].isalnum())


def _other(text: str, out: list) -> None:
    for token in _OTHER.findall(text):
        out.append(" " if token.isspace() else token)


def _spaced_char(char: str) -> bool:
    """Whether ``char`` is a letter or digit of a script written with spaces (not
    CJK)."""
    return char.isalnum() and not ("\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
                                   or char >= "\U00020000")


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character."""
    return _HAN_CHAR.search(text) is not None


def han_count(text: str) -> int:
    """Chinese characters in ``text``."""
    return sum(len(run) for run in _HAN_RUN.findall(text))


class ChineseProfile(LanguageProfile):
    """Chinese: see the module docstring. ``segmenter`` replaces rjieba: a
    function from a run of (simplified) Chinese characters to its words."""

    code = "zh"
    extra_stop_words = _NEWS_STOP_WORDS
    phrase_sep = ""
    script_join = True
    max_phrase_chars = 8
    spaced = False
    cased = False
    elision = None
    inversion = None
    abbreviations = frozenset()
    sentence_end = frozenset("。！？!?")
    # a text of this many Chinese characters is enough to keep
    min_chars = 20

    def tokens(self, text: str) -> list[str]:
        """Words of the runs of Chinese characters (segmented; as written, in
        traditional characters where the text has them), and the spaced tokens,
        white space and punctuation between them. The steps of one run (language
        checks, word counts, the analyser) segment a text once: the last texts'
        tokens are memoised."""
        if len(text) > MEMO_TEXT_CHARS:
            return _tokens(text, self.segmenter)
        return list(_memo_tokens(text, self.segmenter))

    def words(self, text: str) -> list[str]:
        if len(text) > MEMO_TEXT_CHARS:
            return [t for t in _tokens(text, self.segmenter) if t[:1].isalpha()]
        return _memo_words(text, self.segmenter)

    def word_count(self, text: str) -> int:
        """Words found by the segmenter (punctuation and white space aside)."""
        if len(text) > MEMO_TEXT_CHARS:
            return _count_words(_tokens(text, self.segmenter))
        return _memo_count(text, self.segmenter)

    def lead(self, text: str, max_words: int) -> str:
        """``text`` up to the end of its ``max_words``-th word (as segmented)."""
        seen = at = 0
        for token in self.tokens(text):
            at += len(token) if token != " " else 0
            if token == " ":
                # white space (one token for a run of it): find its length
                while at < len(text) and text[at].isspace():
                    at += 1
                continue
            if token[:1].isalnum():
                seen += 1
                if seen == max_words:
                    return text[:at] if text[at:].strip() else text
            # skip to the token's end in the text (tokens are in order)
        return text

    def enough_text(self, text: str, min_words: int = 3) -> bool:
        """``min_words`` words, or ``min_chars`` characters of text (letters and
        digits: "Oppenheimer上调FirstMerit评级" has 22)."""
        return (han_count(text) >= self.min_chars or self.word_count(text) >= min_words
                or sum(map(str.isalnum, text)) >= self.min_chars)

    def is_number(self, token: str) -> bool:
        return _NUMERAL.match(token) is not None

    def is_function_word(self, word: str) -> bool:
        """An adverb, preposition, conjunction, particle, pronoun, numeral,
        measure word, modal or interjection ("并未", "大幅", "一些"), as jieba's
        dictionary tags the (simplified) word: it breaks a phrase and is no
        keyword, as a stop word is."""
        return _function_tag(simplified(word))

    def sentences(self, text: str) -> list[str]:
        """Sentences end after 。！？； (or their ASCII forms), with the closing
        quotes or brackets that follow."""
        out = []
        start = 0
        for match in _SENTENCE.finditer(text):
            end = match.end()
            if end <= start:
                continue
            closing = _CLOSING.match(text, end).group(0)
            for k, char in enumerate(closing):
                if char in "\"'" and text.count(char, start, end + k) % 2 == 0:
                    closing = closing[:k]  # an opening quote: the next sentence's
                    break
            end += len(closing)
            piece = text[start:end].strip()
            if piece:
                out.append(piece)
            start = end
        tail = text[start:].strip()
        if tail:
            out.append(tail)
        return out

    def can_lemmatize(self) -> bool:
        return True

    def lemmatize(self, word: str) -> str:
        """The simplified form: traditional and simplified spellings are one term."""
        return simplified(word) if has_han(word) else word

    def knows(self, word: str) -> bool:
        return has_han(word)

    def join(self, words) -> str:
        """Words joined without a space, but two Latin words or numbers side by
        side keep one ("Harvey Weinstein" in a Chinese text)."""
        joined = "".join(words)
        if _SPACED_ALNUM.search(joined) is None:  # no Latin letters nor digits
            return joined
        out = ""
        for word in words:
            if out and word and _spaced_char(out[-1]) and _spaced_char(word[0]):
                out += " "
            out += word
        return out

    def joiner(self):
        return self.join
