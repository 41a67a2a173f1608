"""Data-quality gates: Great Expectations suites on the landing batches, run as SQL in PostgreSQL."""

import logging

# GX logs every function it registers, at INFO, on import (hundreds of lines in every run's log): keep its
# warnings and errors only. Set here so it holds before any module of this package imports GX.
logging.getLogger("great_expectations").setLevel(logging.WARNING)
