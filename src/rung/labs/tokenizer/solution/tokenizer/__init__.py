"""A byte-pair tokenizer built up in four files, in the order of the lesson.

``base`` (pair counts, merging, decode, save/load) -> ``basic`` (BPE on raw bytes) ->
``regex`` (BPE inside regex chunks, special tokens) -> ``gpt4`` (GPT-4's cl100k_base
rebuilt from its rank table). ``patterns`` holds the GPT-2 and GPT-4 split patterns.
"""

from tokenizer.base import Tokenizer, get_stats, merge, most_frequent_pair
from tokenizer.basic import BasicTokenizer
from tokenizer.gpt4 import GPT4_SPECIAL_TOKENS, GPT4Tokenizer, load_tiktoken_ranks, recover_merges
from tokenizer.patterns import GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN
from tokenizer.regex import RegexTokenizer

__all__ = [
    "GPT2_SPLIT_PATTERN",
    "GPT4_SPECIAL_TOKENS",
    "GPT4_SPLIT_PATTERN",
    "BasicTokenizer",
    "GPT4Tokenizer",
    "RegexTokenizer",
    "Tokenizer",
    "get_stats",
    "load_tiktoken_ranks",
    "merge",
    "most_frequent_pair",
    "recover_merges",
]
