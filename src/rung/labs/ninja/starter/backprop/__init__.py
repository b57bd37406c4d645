"""Backprop by hand: every gradient of an MLP with BatchNorm, checked against autograd."""
