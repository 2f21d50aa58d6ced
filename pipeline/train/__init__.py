"""Training the project's statistical models: `train seg` (pkuseg) and `train ner` (spaCy)."""
