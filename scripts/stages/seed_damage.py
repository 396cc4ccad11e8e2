"""How the seed was damaged: a byte-level punctuation fold over GBK text.

The seed is a web copy of the notice. Its page stored the text in GBK and folded
full-width punctuation to half-width by replacing *bytes*, one punctuation mark after
another, without regard to where characters begin. Every GBK character is two bytes,
so where the trail byte of one character and the lead byte of the next happen to spell
a punctuation mark, that pair is taken for punctuation: the mark appears between the
two characters, and each of them is left with a lone byte that decodes to nothing
(shown as ``?``) or to an ASCII letter (a trail byte below 0x80).

The fold did not strike every such pair: 11 of the 22 headings that end in 省： are intact
(河北省:) while 11 are damaged, and 勐海縣 (``baa3 bf68``, whose straddling ``a3bf`` is ``？``)
is intact. Either the page's scan was not aligned the same way everywhere or those spots
were typed with half-width punctuation; the seed cannot tell. So the model says which
damage a text *can* suffer, and each line of the seed is either the aligned fold of its
text (:func:`fold`) or the damaged one (:func:`damage`), never anything else.

The order of the passes is read off the seed itself:

* ``，`` before ``。``: 單位。現將 is GBK ``86ce cebb a1a3 ac46 8ca2``; the aligned ``。``
  (``a1a3``) survived only because the straddling ``a3ac`` (``，``) was taken first,
  leaving ``a1`` (``?``) and ``46`` (``F``): the seed's ``單位?,F將``.
* ``。`` before ``：`` and ``（``: 省： is ``caa1 a3ba`` and 省（ is ``caa1 a3a8``; the seed
  prints ``?。?`` and ``?。▍^`` (the straddling ``a1a3`` taken as ``。``), not ``省:``.

:func:`damage` applies the model to text; the build uses it to decide the one entry
of the list the damage left unreadable, and a test checks that the model reproduces
every damaged spot of the seed from its repaired text.
"""

from __future__ import annotations

# (full-width mark, what the page printed for it), in the order the page applied them.
FOLDS: tuple[tuple[str, str], ...] = (
    ("，", ","),
    ("。", "。"),  # recognised as punctuation, printed unchanged
    ("：", ":"),
    ("（", "("),
    ("）", ")"),
    ("？", "?"),
    ("；", ";"),
)

_LONE_BYTE = "?"


def damage(text: str) -> str:
    """``text`` as the page would print it: GBK bytes, punctuation folded pair by pair.

    Raises:
        UnicodeEncodeError: ``text`` has a character GBK cannot encode.
    """
    # Pieces are either bytes still to decode or a punctuation mark already folded (str).
    pieces: list[bytes | str] = [text.encode("gbk")]
    for mark, printed in FOLDS:
        code = mark.encode("gbk")
        next_pieces: list[bytes | str] = []
        for piece in pieces:
            if isinstance(piece, str):
                next_pieces.append(piece)
                continue
            parts = piece.split(code)  # byte-level: blind to character boundaries
            for i, part in enumerate(parts):
                if i:
                    next_pieces.append(printed)
                next_pieces.append(part)
        pieces = next_pieces
    return "".join(piece if isinstance(piece, str) else _decode(piece) for piece in pieces)


def fold(text: str) -> str:
    """``text`` with its punctuation folded character by character: the page's intended output."""
    for mark, printed in FOLDS:
        text = text.replace(mark, printed)
    return text


def _decode(data: bytes) -> str:
    # A byte that no longer pairs up is shown as '?', as the page showed it.
    return data.decode("gbk", errors="replace").replace("\ufffd", _LONE_BYTE)


def can_become(damaged: str, text: str) -> bool:
    """Whether the page could print ``text`` as ``damaged``: the aligned fold or the damaged one."""
    return damaged in (fold(text), damage(text))
