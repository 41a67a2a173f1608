from __future__ import annotations

import pytest

from tests.plugins.jiandu.workbench.workbench_data import seed


@pytest.fixture
def flags(monkeypatch) -> dict[str, str]:
    return seed(monkeypatch)
