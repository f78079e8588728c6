"""Questions asked of an outcome or a scenario."""
