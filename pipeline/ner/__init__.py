"""spaCy pipelines for ORG/REG: the rule components, the statistical model, and how they merge."""
