"""The service layer: the only place that joins sources, extraction, the store and answers."""
