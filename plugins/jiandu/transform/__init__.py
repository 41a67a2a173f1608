"""dbt, run in-process."""
