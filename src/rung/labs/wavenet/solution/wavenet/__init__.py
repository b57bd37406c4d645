"""A WaveNet-style hierarchical character model: fuse two neighbours at a time, three times over."""
