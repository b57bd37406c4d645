"""Train the byte-level BPE that the BPE widget uses, with the tokenizer lab's code.

The lab's reference ``BasicTokenizer`` (no split pattern, so merges may cross word
boundaries, which the widget makes visible) learns 256 merges (vocabulary 512) from
the first 200,000 characters of Tiny Shakespeare. The result is written in the lab's
own ``rung-bpe 1`` model format to ``src/rung/viz/data/bpe_shakespeare.model``.

    python scripts/make_reference_bpe.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAB = REPO / "src" / "rung" / "labs" / "tokenizer" / "solution"
DEFAULT_PREFIX = REPO / "src" / "rung" / "viz" / "data" / "bpe_shakespeare"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab-size", type=int, default=512)
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--prefix", type=Path, default=DEFAULT_PREFIX)
    args = parser.parse_args(argv)

    from rung.data.registry import path as dataset_path

    sys.path.insert(0, str(LAB))
    from tokenizer.basic import BasicTokenizer  # the lab's reference

    text = dataset_path("tinyshakespeare").read_text(encoding="utf-8")[: args.chars]
    tok = BasicTokenizer()
    tok.train(text, args.vocab_size)
    assert tok.decode(tok.encode(text[:5000])) == text[:5000]
    tok.save(args.prefix)
    Path(f"{args.prefix}.vocab").unlink()  # people read the widget; the package needs the model
    ratio = len(text.encode("utf-8")) / len(tok.encode(text))
    print(f"wrote {args.prefix}.model: {len(tok.merges)} merges, {ratio:.2f} bytes per token")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
