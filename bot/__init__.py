"""newsprov: answers news-provenance questions from the attributions stored in its articles."""
