"""Published flags: audit.flagged_items and their detection history (outside dbt)."""
