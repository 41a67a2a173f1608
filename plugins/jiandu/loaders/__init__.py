"""Extract-load: source tables into the warehouse landing schema, then promotion to raw."""
