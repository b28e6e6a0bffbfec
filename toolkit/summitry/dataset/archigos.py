"""Archigos 4.1 leader spells, and matching a named visitor to the leader in office.

Archigos (Goemans, Gleditsch and Chiozza 2009) lists the *effective* leader of each
state, one spell per continuous tenure, from 1875 to the end of 2015. The copy used
is the one shipped in the R package peacesciencer (``dataset/upstream/peacesciencer/
archigos.tsv``). A spell still running at the end of the data ends on 2015-12-31, so
nothing is matched after that day.

Archigos names are written many ways: a family name ("Grant"), initial and family name
("G. Papandreou", "G.W. Bush"), family name and initial ("Gandhi, I."), full names
("Hamad ibn Khalifah Al Thani"). :func:`match` compares the *significant* tokens of
the Archigos name (initials, particles, ordinals and titles dropped) with the tokens of
the visitor's name, so it needs no per-name table. Since only the one or two leaders in
office in that state on that day are candidates, a shared token is strong evidence; the
name check mainly separates a head of state from the head of government Archigos codes.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

# Tokens that never identify a leader on their own: Arabic and European particles,
# regnal ordinals, generational suffixes, titles Archigos writes into some names.
_TITLE_WORDS: frozenset[str] = frozenset({
    "president", "emperor", "empress", "king", "queen", "prince", "sheikh", "shaikh", "ayatollah", "mullah",
    "lyonpo", "ratu", "pasha", "bej", "bey",
})
_STOP: frozenset[str] = _TITLE_WORDS | {
    "al", "el", "ad", "ar", "as", "an", "ash", "at", "ath", "az", "bin", "ibn", "ben", "bint", "abu", "ould",
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "van", "von", "der", "den", "y", "e",
    "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
    "jr", "sr", "senior", "junior", "1st", "13th", "14th",
    "of", "the", "and", "dowager", "council", "ministers", "military", "junta", "executive", "uar",
}
# Transliteration pairs folded before vowels are dropped: Mossadegh/Mossadeg, Qaddafi/Gaddafi.
_FOLD: tuple[tuple[str, str], ...] = (
    ("tch", "ch"), ("dj", "j"), ("dt", "t"), ("ph", "f"), ("kh", "k"), ("gh", "g"), ("q", "k"), ("ck", "k"),
    ("dh", "d"), ("th", "t"), ("w", "v"), ("z", "s"), ("c", "k"), ("y", "i"),
)


class Spell(NamedTuple):
    """One Archigos leader spell."""

    obsid: str
    leadid: str
    leader: str
    gwcode: int
    start: dt.date
    end: dt.date


def archigos_path() -> Path:
    """The Archigos table as shipped in peacesciencer, beside the package's releases.

    Returns
    -------
    Path
        ``dataset/upstream/peacesciencer/archigos.tsv`` of the checkout the package lives in.
    """
    releases = Path(str(files("summitry") / "_releases")).resolve()
    return releases.parent / "upstream" / "peacesciencer" / "archigos.tsv"


@cache
def spells() -> tuple[Spell, ...]:
    """All Archigos spells, in file order.

    Returns
    -------
    tuple of Spell
        One per row of ``archigos.tsv`` (3,409 spells).
    """
    with archigos_path().open(encoding="utf-8", newline="") as f:
        return tuple(
            Spell(r["obsid"], r["leadid"], r["leader"], int(r["gwcode"]),
                  dt.date.fromisoformat(r["startdate"]), dt.date.fromisoformat(r["enddate"]))
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        )


@cache
def _by_gwcode() -> dict[int, tuple[Spell, ...]]:
    out: dict[int, list[Spell]] = {}
    for s in spells():
        out.setdefault(s.gwcode, []).append(s)
    return {k: tuple(v) for k, v in out.items()}


def in_office(gwcode: int | None, day: dt.date) -> list[Spell]:
    """The Archigos spells of state ``gwcode`` that include ``day``.

    On a handover day both the outgoing and the incoming leader are listed (Archigos
    ends one spell on the day the next begins).

    Parameters
    ----------
    gwcode : int or None
        Gleditsch and Ward state code; None gives no spells.
    day : datetime.date
        The day.

    Returns
    -------
    list of Spell
        Sorted by start date, then obsid.
    """
    if gwcode is None:
        return []
    hits = [s for s in _by_gwcode().get(gwcode, ()) if s.start <= day <= s.end]
    return sorted(hits, key=lambda s: (s.start, s.obsid))


def tokens(name: str) -> list[str]:
    """Lower-case ASCII word tokens of a name; apostrophes join (``D'Alema`` -> ``dalema``).

    Parameters
    ----------
    name : str
        A personal name in any script Unicode can fold to Latin letters.

    Returns
    -------
    list of str
        The tokens, in order.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    folded = re.sub(r"['`\u2019]", "", folded)
    return re.findall(r"[a-z0-9]+", folded)


def significant(name: str) -> list[str]:
    """The tokens of an Archigos name that can identify its leader (no initials, particles or titles).

    Parameters
    ----------
    name : str
        An Archigos ``leader`` value.

    Returns
    -------
    list of str
        The tokens, in order; empty for collective entries such as "Military Junta".
    """
    words = [t for t in tokens(name) if len(t) > 1]
    # A leader whose family name is also a title word (Canada's Mackenzie King) keeps it.
    return [t for t in words if t not in _STOP] or [t for t in words if t in _TITLE_WORDS]


# Vowel spellings of one sound (Tameem/Tamim, Qaboos/Qabus, Schroeder/Schroder, Akayev/Akaev).
_VOWEL_FOLD: tuple[tuple[str, str], ...] = (("ee", "i"), ("oo", "u"), ("ou", "u"), ("oe", "o"), ("ue", "u"),
                                            ("ae", "a"), ("y", "i"))
# Ruling families: the name of the monarch and of the royal prime minister alike.
_DYNASTIES: frozenset[str] = frozenset({"sabah", "thani", "khalifa", "khalifah", "nahyan", "nahayan", "saud", "hashim",
                                        "hashimi", "qasimi", "nuaimi", "sharqi", "maktoum"})
_MUHAMMAD: frozenset[str] = frozenset({"muhamad", "mohamed", "mohamad", "muhamed"})


def _skeleton(token: str) -> str:
    out = token
    for a, b in _FOLD:
        out = out.replace(a, b)
    out = out[0] + re.sub(r"[aeiou]", "", out[1:])
    return re.sub(r"(.)\1+", r"\1", out)


def _one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if a[i + 1:] == b[i + 1:] or a[i:] == b[i + 1:] or a[i + 1:] == b[i:]:
        return True
    return len(a) == len(b) and a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:]


def _respell(token: str) -> str:
    out = token
    for a, b in _VOWEL_FOLD:
        out = out.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", out)


def _same(a: str, b: str) -> bool:
    if a == b or _respell(a) == _respell(b):
        return True
    # Spelling variants only for tokens of five letters or more: shorter names (Minh,
    # Manh) differ in their vowels alone.
    if min(len(a), len(b)) < 5:
        return False
    if len(sa := _skeleton(a)) >= 3 and sa == _skeleton(b):
        return True
    return max(len(a), len(b)) >= 6 and _one_edit(a, b)


def _shared(token: str) -> bool:
    """A name token shared by too many people to tell two leaders apart."""
    return token in _DYNASTIES or _respell(token) in _MUHAMMAD


def _visitor_tokens(name: str) -> list[str]:
    words = tokens(name)
    # Particles written joined or apart on either side ("de Klerk"/"deKlerk", "Elsisi"/"al-Sisi").
    joined = [a + b for a, b in zip(words, words[1:], strict=False) if a in _STOP]
    unprefixed = [w[len(p):] for w in words for p in ("al", "el", "ben", "de")
                  if w.startswith(p) and len(w) - len(p) >= 4]
    return words + joined + unprefixed


def _score(spell: Spell, name: str) -> int:
    """Number of the spell's name tokens found in ``name``; 0 when the name does not identify its leader.

    One shared token is enough when either name is a single word (Archigos writes most
    leaders by family name alone). Between two longer names it must be the first
    Archigos token (a Spanish first surname, a given name) or both last tokens (the
    family name), else two tokens must agree. Dynasty names (Al Sabah, Al Thani) are a
    family shared by monarch and prime minister and, like Muhammad, the commonest given
    name, count in none of these rules.
    """
    arch = significant(spell.leader)
    words = _visitor_tokens(name)
    own = [t for t in tokens(name) if len(t) > 1 and t not in _STOP] or tokens(name)
    hits = [t for t in arch if any(_same(t, w) for w in words)]
    if not hits:
        return 0
    if len(arch) == 1 or len(own) <= 1:
        return len(hits)
    telling = [t for t in arch if not _shared(t)]
    if len({t for t in hits if not _shared(t)}) >= 2 or (telling and telling[0] in hits):
        return len(hits)
    if not _shared(arch[-1]) and _same(arch[-1], own[-1]):
        return len(hits)
    # A ruler whose given name is also the dynasty's (Sabah al-Salim al-Sabah) is named first.
    if not telling and any(_same(arch[0], w) for w in own[:-1]):
        return len(hits)
    return 0


def match(gwcode: int | None, day: dt.date, name: str) -> Spell | None:
    """The Archigos spell of the leader of ``gwcode`` in office on ``day`` named in ``name``.

    Tokens are compared ignoring case and accents, and count as equal when they spell one
    name two ways: vowel spellings (Schroeder/Schroder, Qaboos/Qabus), a shared consonant
    skeleton after simple transliteration folds (Mossadeq/Mossadegh, Muhammad/Mohammed,
    Al-Assad/al-Asad) or a one-letter slip (Zadari/Zardari), the last two only for tokens
    of five letters or more. Particles may be joined or apart ("de Klerk"/"deKlerk").
    A single-word name on either side needs one shared token; between longer names the
    shared token must be Archigos's first or both names' last, else two must agree, and
    dynasty names (Al Sabah, Al Thani) and Muhammad count for none of these.

    Parameters
    ----------
    gwcode : int or None
        Gleditsch and Ward code of the state on ``day``; None matches nothing.
    day : datetime.date
        The day the person is seen (a visit's first day).
    name : str
        The person's name as written, with or without title.

    Returns
    -------
    Spell or None
        The matching spell; of several, the one sharing the most tokens, then the one
        running past ``day`` (not ending on it), then the earliest obsid. None when no
        leader in office matches, and always after 2015.
    """
    scored = [(_score(s, name), s) for s in in_office(gwcode, day)]
    scored = [(n, s) for n, s in scored if n > 0]
    if not scored:
        return None
    return min(scored, key=lambda ns: (-ns[0], ns[1].end == day, ns[1].obsid))[1]
