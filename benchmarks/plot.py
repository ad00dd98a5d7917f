"""Draw the baseline/asyncmock ratios of bench.py JSON files into one PNG.

    python benchmarks/plot.py OUT.png results/3.7.json results/3.11.json ...

One marker series per interpreter on a log scale, the issue's target of each
scenario as a short red line. Needs matplotlib; run_all.py uses the 3.11
benchmark venv.
"""
import json
import sys
from pathlib import Path
from typing import Any, Dict, List

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402


def main(out: str, files: List[str]) -> None:
    results = [json.loads(Path(f).read_text()) for f in files]  # type: List[Dict[str, Any]]
    keys = []  # type: List[str]
    goals = {}  # type: Dict[str, Any]
    for result in results:
        for row in result["rows"]:
            if row["ratio"] is not None and row["key"] not in goals:
                keys.append(row["key"])
                goals[row["key"]] = row["goal"]
    fig, ax = plt.subplots(figsize=(max(8.0, 0.6 * len(keys)), 5))
    width = 0.8 / max(1, len(results))
    for n, result in enumerate(results):
        ratios = {row["key"]: row["ratio"] for row in result["rows"] if row["ratio"] is not None}
        xs = [i - 0.4 + width * (n + 0.5) for i, key in enumerate(keys) if key in ratios]
        ax.plot(xs, [ratios[key] for key in keys if key in ratios], "o",
                label="{} (vs {})".format(result["meta"]["python"], result["meta"]["baseline"]))
    for i, key in enumerate(keys):
        if goals[key] is not None:
            ax.hlines(goals[key], i - 0.45, i + 0.45, colors="red", linestyles="dashed")
    ax.axhline(1.0, color="grey", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_xticks(range(len(keys)))
    ax.set_xticklabels(keys, rotation=45, ha="right")
    ax.set_ylabel("baseline time (or bytes) / asyncmock's, log scale")
    ax.set_title("asyncmock speed-up per scenario; red dashes: the issue's targets")
    ax.legend(fontsize="small")
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print("wrote " + out)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
