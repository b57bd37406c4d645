"""A character-level MLP language model (Bengio et al. 2003), written by you, in PyTorch."""
