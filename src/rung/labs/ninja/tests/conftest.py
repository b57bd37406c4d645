"""The ninja lab needs no data set: its batches are random ids, and its reference is autograd."""

from __future__ import annotations

import torch

torch.set_num_threads(1)
