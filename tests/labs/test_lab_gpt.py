"""The gpt lab beyond the generic checks: the copies of its model in later labs stay
identical, its command line covers every setting, and a half-done workspace gets a
precise report from the real runner."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from rung.labs import check, get_lab, start

LABS = Path(__file__).resolve().parents[2] / "src" / "rung" / "labs"
GPT_FILES = ("__init__.py", "data.py", "model.py", "train.py")


@pytest.mark.parametrize("lab", ["lora", "quant", "ddp"])
def test_later_labs_get_the_finished_gpt_from_one_place(lab: str, tmp_path) -> None:  # noqa: ANN001
    """lora, quant and ddp give the learner the gpt lab's reference as ``gpt/``: it is
    copied from the gpt lab when a workspace is made or reset, never kept as a copy."""
    from rung.labs import get_lab, install_solution, start

    for which in ("starter", "solution"):
        assert not (LABS / lab / which / "gpt").exists()
    ws = start(get_lab(lab), tmp_path / "ws")
    install_solution(get_lab(lab), ws.root)
    for name in GPT_FILES:
        copy = ws.root / "gpt" / name
        original = LABS / "gpt" / "solution" / "gpt" / name
        assert copy.read_bytes() == original.read_bytes(), f"{copy} differs from {original}"


def test_every_config_field_is_a_command_line_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(LABS / "gpt" / "solution"))
    from gpt.train import GPTConfig, parse_args

    with pytest.raises(SystemExit):
        parse_args(["--help"])
    help_text = capsys.readouterr().out
    for field in dataclasses.fields(GPTConfig):
        assert f"--{field.name}" in help_text, f"no flag for GPTConfig.{field.name}"
    cfg = parse_args(["--preset", "gpu", "--dropout", "0.1", "--compile", "false"])
    assert (cfg.n_layer, cfg.n_embd, cfg.block_size, cfg.dropout, cfg.compile) == (
        6,
        384,
        256,
        0.1,
        False,
    )


def test_a_half_done_workspace_is_told_what_is_left(tmp_path: Path) -> None:
    """Fill in the first task only: the check passes it and names the next stub."""
    lab = get_lab("gpt")
    ws = start(lab, tmp_path / "gpt-lab")
    shutil.copyfile(lab.solution_dir / "gpt" / "data.py", ws.root / "gpt" / "data.py")
    report = check(lab, ws.root, ["data", "head"], record=False)
    results = {t.id: t for t in report.tasks}
    assert results["data"].passed, results["data"].message
    assert not results["head"].passed
    assert (
        "not written yet" in results["head"].message and "Head.forward" in results["head"].message
    )
