"""The layers are checked, not hoped for: import-linter's contracts (pyproject.toml) pass on the tree and fail
when the kernel imports an area app or a service imports the API."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "sundhedsaftale",
    "admissions",
    "discharge",
    "rehab",
    "aids",
    "prevention",
    "psychiatry",
    "clusters",
    "medcom",
)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_its_layers() -> None:
    # when the contracts are checked on the project as it is
    result = _lint(ROOT)
    # then every one is kept
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_kernel_module_importing_an_area_breaks_the_build(tree_copy: Path) -> None:
    # given a kernel module that reaches up into the admissions app
    (tree_copy / "sundhedsaftale" / "layer_probe.py").write_text("from admissions.models import Course\n")
    # when the contracts are checked
    result = _lint(tree_copy)
    # then the layers contract is broken and names the offending import
    assert result.returncode != 0
    assert "sundhedsaftale.layer_probe -> admissions.models" in result.stdout


def test_a_service_raising_an_api_error_breaks_the_build(tree_copy: Path) -> None:
    # given a discharge service that imports DRF to raise its error
    (tree_copy / "discharge" / "services" / "layer_probe.py").write_text(
        "from rest_framework.exceptions import ValidationError\n"
    )
    # when the contracts are checked
    result = _lint(tree_copy)
    # then the domain-error contract is broken
    assert result.returncode != 0
    assert "discharge.services.layer_probe -> rest_framework" in result.stdout
