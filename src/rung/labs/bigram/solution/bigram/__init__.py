"""A character-level bigram language model, counted and then learned (makemore, part 1)."""
