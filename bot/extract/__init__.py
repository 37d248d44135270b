"""Text in, statements out: cleaning, quote and reported-speech extraction, actor resolution and
issue tagging. Pure functions of text + config."""
