"""A character-level text corpus from a file every Debian system has: by default the GNU GPL v3
text in /usr/share/common-licenses (package base-files, essential), about 35,000 characters."""
import os

DEFAULT_CORPUS = "/usr/share/common-licenses/GPL-3"


def get_text_corpus(path=None, max_chars=None):
    """(text, vocab): the file's text (UTF-8) and the sorted list of its distinct characters, so
    that ``vocab.index(c)`` is a character's id. ``max_chars`` keeps only the beginning."""
    path = DEFAULT_CORPUS if path is None else os.fspath(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        raise FileNotFoundError(f"get_text_corpus: no text file at '{path}'") from None
    except UnicodeDecodeError as e:
        raise ValueError(f"get_text_corpus: '{path}' is not UTF-8 text ({e.reason} at byte {e.start})") from None
    if max_chars is not None:
        if max_chars < 1:
            raise ValueError(f"get_text_corpus: max_chars must be positive, got {max_chars!r}")
        text = text[:max_chars]
    if not text:
        raise ValueError(f"get_text_corpus: '{path}' is empty")
    return text, sorted(set(text))
