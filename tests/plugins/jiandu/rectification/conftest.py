from __future__ import annotations

import pytest

from tests.plugins.jiandu.rectification.rect_data import fresh


@pytest.fixture
def flags(monkeypatch) -> dict[str, str]:
    return fresh(monkeypatch)
