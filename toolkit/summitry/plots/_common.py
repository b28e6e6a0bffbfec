"""What every summitry plot shares: a new axes when none is given, and the credit line."""

from __future__ import annotations

CREDIT_GID = "summitry-credit"


def axes(ax, figsize=(9, 4.5)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def credit(ax, *parts: str, inside: bool = False, y: float | None = None) -> None:
    """A small credit line, e.g. the dataset release the data came from.

    Under the x-axis title by default; ``inside`` puts it in the lower right corner of
    the axes (for maps, whose corners are empty sea).
    """
    text = ". ".join(p.rstrip(".") for p in parts if p)
    if not text:
        return
    if inside:
        ax.text(0.995, 0.01, text + ".", transform=ax.transAxes, ha="right", va="bottom", fontsize=7,
                color="0.3", gid=CREDIT_GID, bbox=dict(fc="white", ec="none", alpha=0.7, pad=1.5))
    else:
        ax.annotate(text + ".", xy=(1.0, 0), xycoords="axes fraction", xytext=(0, -30 if y is None else y),
                    textcoords="offset points", ha="right", va="top", fontsize=7, color="0.35",
                    gid=CREDIT_GID, annotation_clip=False)


def dyad_columns(freq) -> tuple[str, str, str]:
    """The two country columns of a frequency table and the arrow that joins them in labels."""
    if "guest_country" in freq.columns:
        return "guest_country", "host_country", " → "
    if "country1" in freq.columns:
        return "country1", "country2", " – "
    from ..errors import SummitryError

    raise SummitryError("expected a table from visit_frequency() (guest_country and host_country, "
                        f"or country1 and country2); found columns {', '.join(map(str, freq.columns))}")
