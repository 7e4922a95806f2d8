"""The extractor's version, recorded with every article and attribution it reads.

Raise it whenever a change to ``bot/extract`` (rules, lexicon, data files, the spaCy model)
changes what is found in a text; ``newsprov reextract`` then reads again every article an
older version read (``--older-than`` this one, its default).
"""

EXTRACTOR_VERSION = 5  # 0: stored before versions; 2: quotes run into, nearer subject, appositions;
# 3: short forms spelt out, honorifics no role, transcripts, names before a cue or a place
# 4: quotes after a colon closing a paragraph, and filling the paragraph after their frame;
# learned content ends (content_edges.tsv); a content ending in "and" takes its conjunct;
# "A," X said. ... Y added, "B": B is not X's; subjects the parser hung elsewhere, frames after
# "?"/"!" quotes, "in a poll"
# 5: "I" in a quote is the quote's speaker; a surname takes a generation suffix ("III"), a full
# name written later, no possessive ending; "they" is no body named beside people; light-verb
# cues take their object ("took aim at | X", "expressed concern | that ..."), "made (it) clear"
