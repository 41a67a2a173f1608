"""Standards the rules judge against that are maintained from published documents (the holiday calendar)."""
