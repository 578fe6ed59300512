"""The pure kernel modules (calendar and rule catalogue) import no Django: they run anywhere, tested without a
database."""

import ast
import re
from pathlib import Path

import pytest

import sundhedsaftale.rulesets
import sundhedsaftale.workdays
from sundhedsaftale import rules


@pytest.mark.parametrize(
    "module", [sundhedsaftale.workdays, rules, sundhedsaftale.rulesets], ids=lambda m: m.__name__
)
def test_kernel_modules_are_pure(module: object) -> None:
    source = Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8")
    imported = {
        name
        for node in ast.walk(ast.parse(source))
        for name in (
            [alias.name for alias in node.names] if isinstance(node, ast.Import)
            else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )
    }  # fmt: skip
    assert not {name for name in imported if re.match(r"django\b|rest_framework\b", name)}
