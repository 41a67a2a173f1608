"""Argument parsing every benchmark shares: `make bench` passes the same BENCH_ARGS to each script, so an option
another script owns is named and ignored, not an error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def parse(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> argparse.Namespace:
    args, ignored = parser.parse_known_args(argv)
    if ignored:
        print(f"ignored (not options of {Path(sys.argv[0]).name}): {' '.join(ignored)}", flush=True)
    return args
