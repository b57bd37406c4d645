"""The security plumbing on its own: problem signatures and the host check."""

from __future__ import annotations

from rung.web.security import ProblemSigner, _hostname, is_loopback


def test_signature_round_trip_and_tamper() -> None:
    signer = ProblemSigner(b"k" * 32, clock=lambda: 1_700_000_000.25)
    token = signer.sign("me", "la.dot.compute", 42)
    signed = signer.verify("me", "la.dot.compute", "42", token)
    assert signed is not None
    assert signed.seed == 42 and signed.issued == 1_700_000_000.25
    assert signer.verify("me", "la.dot.compute", "43", token) is None  # other seed
    assert signer.verify("me", "la.matmul.shape", "42", token) is None  # other check
    assert signer.verify("you", "la.dot.compute", "42", token) is None  # other learner
    stamp, mac = token.rsplit(".", 1)
    assert signer.verify("me", "la.dot.compute", "42", f"1.000.{mac}") is None  # other time
    assert signer.verify("me", "la.dot.compute", "42", "garbage") is None
    assert signer.verify("me", "la.dot.compute", "x", token) is None


def test_signatures_depend_on_the_key() -> None:
    a = ProblemSigner(b"a" * 32)
    b = ProblemSigner(b"b" * 32)
    assert b.verify("me", "c", 1, a.sign("me", "c", 1)) is None


def test_loopback_and_hostnames() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert _hostname("localhost:8765") == "localhost"
    assert _hostname("[::1]:8765") == "[::1]"
    assert _hostname("127.0.0.1") == "127.0.0.1"
