"""How a mock is named in messages: ``mock.client.get().json``."""
from typing import Any, List

__all__ = ["dotted_name"]


def dotted_name(mock: Any) -> str:
    """The name a mock shows in messages: ``mock.client.get().json``."""
    parts = []  # type: List[str]
    current = mock
    while True:
        state = current.__dict__
        parent = state.get("_mock_new_parent")
        if parent is None:
            break
        parts.append(state.get("_mock_new_name") or "")
        current = parent
    dotted = current.__dict__.get("_mock_name") or "mock"
    for part in reversed(parts):
        dotted += part if part == "()" else "." + part
    return dotted
