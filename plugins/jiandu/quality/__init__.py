"""Data-quality gates: Great Expectations suites on the landing batches, run as SQL in PostgreSQL."""
