"""Excel ledgers (台账) that subsidiaries drop in a folder: layouts, validation, loading."""
