"""The CAMEO-to-PLOVER code list matches the conversion table it cites, row by row."""

from __future__ import annotations

import re
from pathlib import Path

from summitry import schema

CITED = Path(__file__).parent / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
ROW = re.compile(r"^(\d{3,4}): ([A-Z]+),([^,]*),([^#]*)#")


def cited_rows() -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    for line in CITED.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            out.setdefault(m.group(1), []).append((m.group(2), m.group(3).strip(), m.group(4).strip()))
    return out


def test_every_code_list_row_is_the_cited_row():
    cited = cited_rows()
    ours = {r["cameo_code"]: r for r in schema.codelist("cameo_to_plover")}
    assert set(ours) == set(cited)
    wrong = [(code, (r["plover_event_type"], r["plover_mode"], r["plover_context"]), cited[code][0])
             for code, r in ours.items()
             if (r["plover_event_type"], r["plover_mode"], r["plover_context"]) != cited[code][0]]
    assert not wrong, wrong


def test_visits_and_hosting_are_plover_visits():
    # 042 and 043 are both CONSULT/visit: in PLOVER the actor of a visit is the guest, so the
    # host's 043 report is the same event seen from the other side (see the codebook).
    assert schema.plover_for("042") == ("CONSULT", "visit")
    assert schema.plover_for("043") == ("CONSULT", "visit")
    modes = {(r["event_type"], r["mode"]) for r in schema.codelist("plover_modes")}
    assert ("CONSULT", "visit") in modes and ("CONSULT", "host") not in modes
