"""The catalog of services online stores use: facts, sources and how to detect them."""
