"""Plain-text views of a release: a visit's chronology and a one-screen overview."""

from __future__ import annotations

from typing import cast

import pandas as pd

from .. import schema
from ..errors import check_choice
from .load import load_actors, load_event_sources, load_events, load_visits
from .releases import manifest, resolve_version


def flagship_visit() -> str:
    """The id of the dataset's flagship record (Putin in Pyongyang, 19 June 2024).

    Returns
    -------
    str
        A ``visit_id`` of the visits table.
    """
    return cast(str, schema.dataset_descriptor()["flagship_visit"])


def chronology(visit_id: str | None = None, version: str | None = None) -> pd.DataFrame:
    """A visit's coded events in local-time order, with actor names and code labels.

    Parameters
    ----------
    visit_id : str or None
        The visit; the flagship visit if None.
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    pandas.DataFrame
        The visit's rows of the events table, ordered by date and event id, with the
        columns ``source_name``, ``target_name`` and ``event_label`` added.

    Raises
    ------
    ChoiceError
        If ``visit_id`` is not in the release, or ``version`` is unknown.
    """
    visit_id = visit_id or flagship_visit()
    events = load_events(version)
    check_choice("visit id", visit_id, sorted(load_visits(version)["visit_id"]))
    ev = events[events["visit_id"] == visit_id].copy()
    names = load_actors(version).set_index("actor_id")["name_en"]
    labels = {code: row["label"] for code, row in schema.event_code_info().items()}
    ev["source_name"] = ev["source_actor_id"].map(names).fillna(ev["source_actor_code"].astype(str))
    ev["target_name"] = ev["target_actor_id"].map(names).fillna(ev["target_actor_code"].astype(str))
    ev["event_label"] = ev["event_code"].astype(str).map(labels)
    # Few events have a stated time; coders number a visit's events in the order they
    # happened (codebook), so the id orders events within a day.
    return ev.sort_values(["date", "event_id"]).reset_index(drop=True)


def format_chronology(ev: pd.DataFrame, visit: pd.Series, quotes: pd.DataFrame | None = None) -> str:
    """A visit's chronology as text: a heading line, then two lines per event.

    Each event's first line gives its local date and time and the time zone they are in
    (``--:--`` when no source states the time, ``(zone not known)`` when the place's zone is
    not coded).

    Parameters
    ----------
    ev : pandas.DataFrame
        The events, as :func:`chronology` gives them.
    visit : pandas.Series
        The visit's row of the visits table.
    quotes : pandas.DataFrame, optional
        Rows of the ``event_sources`` table (``event_id, source_id, quote``): each event's
        source sentences are printed under it, with the source id.

    Returns
    -------
    str
        The text, without a final newline.
    """
    head = (f"{visit['visit_id']}: {visit['guest_country']} -> {visit['host_country']}, "
            f"{visit['start_date']:%Y-%m-%d} to {visit['end_date']:%Y-%m-%d}, "
            f"{visit['visit_type_as_called'] or visit['visit_type']} ({visit['format']})")
    lines = [head, "-" * len(head)]
    zones = [z if isinstance(z, str) else "(zone not known)" for z in ev["time_zone"]]
    width = max((len(z) for z in zones), default=0)
    by_event = quotes.groupby("event_id", sort=False) if quotes is not None else None
    ids = set(quotes["event_id"]) if quotes is not None else set()
    for (_, e), zone in zip(ev.iterrows(), zones, strict=True):
        when = f"{e['date']:%Y-%m-%d} {e['local_time'] if isinstance(e['local_time'], str) else '--:--'}"
        when = f"{when} {zone:<{width}}"
        place = e["place_name"] if isinstance(e["place_name"], str) else "(no place)"
        attrib = "" if e["attribution"] == "reported" else f" [{e['attribution']} by {e['attributed_to']}]"
        lines.append(f"{when}  {e['event_code']:<4} {e['event_label']}: {e['source_name']} -> {e['target_name']}"
                     f" @ {place}{attrib}")
        indent = " " * (len(when) + 2)
        lines.append(f"{indent}{e['summary']}")
        if by_event is not None:
            if e["event_id"] not in ids:
                lines.append(f"{indent}source: (none linked)")
                continue
            for _, q in by_event.get_group(e["event_id"]).iterrows():
                lines.append(_wrap(f'source {q["source_id"]}: "{q["quote"]}"', len(indent) + 80, indent))
    return "\n".join(lines)


def show(visit_id: str | None = None, version: str | None = None, *, sources: bool = False) -> str:
    """The text ``summitry show`` prints.

    Parameters
    ----------
    visit_id : str or None
        The visit; the flagship visit if None.
    version : str or None
        A shipped release; the latest if None.
    sources : bool
        Print under each event the sentences of its sources it is coded from, verbatim,
        with each source's id (``summitry show --sources``).

    Returns
    -------
    str
        The visit's chronology, as :func:`format_chronology` writes it.

    Raises
    ------
    ChoiceError
        If ``visit_id`` is not in the release, or ``version`` is unknown.
    """
    visit_id = visit_id or flagship_visit()
    ev = chronology(visit_id, version)
    visits = load_visits(version)
    visit = visits[visits["visit_id"] == visit_id].iloc[0]
    quotes = None
    if sources:
        links = load_event_sources(version)
        quotes = links[links["event_id"].isin(ev["event_id"])].sort_values(["event_id", "source_id"], kind="stable")
    return format_chronology(ev, visit, quotes)


def overview(version: str | None = None) -> str:
    """Releases, tables with row counts, and the flagship summit in one paragraph.

    Parameters
    ----------
    version : str or None
        A shipped release; the latest if None.

    Returns
    -------
    str
        The text ``summitry info`` prints.

    Raises
    ------
    ChoiceError
        If ``version`` is unknown.
    """
    from .releases import versions

    version = resolve_version(version)
    m = manifest(version)
    lines = [f"summitry dataset {version} ({m['created'][:10]}), licence {m['licenses'][0]['name']}",
             f"releases shipped: {', '.join(versions())}", "", "tables:"]
    for r in m["resources"]:
        lines.append(f"  {r['name']:<14} {r['rows']:>6} rows  {r['path']}")
    visits = load_visits(version)
    flag = visits[visits["visit_id"] == flagship_visit()]
    if len(flag):
        v = flag.iloc[0]
        n = int((load_events(version)["visit_id"] == v["visit_id"]).sum())
        lines += ["", "flagship record:", _wrap(
            f"On {v['start_date']:%d %B %Y} Vladimir Putin made a {v['visit_type_as_called']} to Pyongyang, "
            f"his first visit to North Korea in 24 years. He and Kim Jong Un held talks with their delegations "
            f"and one on one at the Kumsusan residence and signed the {v['agreements']}. "
            f"The visit is coded as {n} CAMEO events (visit id {v['visit_id']}); run `summitry show` to read them.")]
    return "\n".join(lines)


def _wrap(text: str, width: int = 88, indent: str = "  ") -> str:
    import textwrap

    return textwrap.fill(text, width=max(width, len(indent) + 40), initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False)
