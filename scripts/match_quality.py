"""Precision and recall of the post matching on the hand-labelled DFID pairs (tests/data/dfid-post-pairs.csv).

Each labelled pair (a post of one DFID snapshot, a post of the next, and whether they are the same post,
with the reason) is looked up in the matching of the two snapshots: a "yes" pair that the matching pairs is a
true positive, a "yes" pair it does not pair a miss, a "no" pair it pairs a false positive.

    .venv/bin/python scripts/match_quality.py [--data ../shared/data/uk-organograms] [--min-confidence 0.5]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "dfid-post-pairs.csv"
DATA = ROOT.parent / "shared" / "data" / "uk-organograms"
DEPARTMENT = "department_for_international_development"


@dataclass(frozen=True)
class Quality:
    """The counts and rates of one evaluation."""

    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    errors: tuple[str, ...]

    @property
    def precision(self) -> float:
        matched = self.true_positives + self.false_positives
        return self.true_positives / matched if matched else 1.0

    @property
    def recall(self) -> float:
        same = self.true_positives + self.false_negatives
        return self.true_positives / same if same else 1.0


def evaluate(data: Path = DATA, labels: Path = LABELS, min_confidence: float = 0.5) -> Quality:
    """Match every labelled interval of the DFID series and score the labels."""
    import orggraph

    paths = sorted(data.glob(f"{DEPARTMENT}-*-s*.csv")) + sorted(data.glob(f"{DEPARTMENT}-*-junior.csv"))
    tl = orggraph.read_organogram_series(paths, min_confidence=min_confidence)
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    errors = []
    with open(labels, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            a, b = datetime.date.fromisoformat(row["date_a"]), datetime.date.fromisoformat(row["date_b"])
            paired = tl.matching(a, b).a_to_b.get(row["ref_a"]) == row["ref_b"]
            same = row["same_post"] == "yes"
            key = ("tp" if paired else "fn") if same else ("fp" if paired else "tn")
            counts[key] += 1
            if key in ("fp", "fn"):
                what = "matched, but not the same post" if key == "fp" else "the same post, not matched"
                errors.append(f"{a} {row['ref_a']} -> {b} {row['ref_b']}: {what} ({row['reason']})")
    return Quality(counts["tp"], counts["fp"], counts["fn"], counts["tn"], tuple(errors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--min-confidence", type=float, default=0.5)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data folder {args.data}", file=sys.stderr)
        return 2
    quality = evaluate(args.data, LABELS, args.min_confidence)
    total = quality.true_positives + quality.false_positives + quality.false_negatives + quality.true_negatives
    print(
        f"{total} labelled pairs: {quality.true_positives + quality.false_negatives} the same post, "
        f"{quality.false_positives + quality.true_negatives} not"
    )
    print(
        f"true positives {quality.true_positives}, false positives {quality.false_positives}, "
        f"misses {quality.false_negatives}, true negatives {quality.true_negatives}"
    )
    print(f"precision {quality.precision:.1%}, recall {quality.recall:.1%}")
    for error in quality.errors:
        print("  " + error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
