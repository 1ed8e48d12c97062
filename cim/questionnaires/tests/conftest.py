from collections.abc import Iterator

import pytest

from cim.questionnaires import hooks


@pytest.fixture
def only_test_validators() -> Iterator[None]:
    """The hook mechanism on its own: without the validators other rooms register (scoring checks
    its own section in cim/scoring/tests)."""
    saved = list(hooks._validators)
    hooks._validators.clear()
    try:
        yield
    finally:
        hooks._validators[:] = saved
