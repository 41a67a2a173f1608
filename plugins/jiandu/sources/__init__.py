"""Source systems: the contract (YAML under include/sources/) and connection resolution."""
