"""micrograd, written by you: a scalar autograd engine and a tiny neural-network library."""
