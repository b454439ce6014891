"""One way to write a number for a reader (memo charts, alternative text, redline, messages)."""
import pytest

from compiler.numbers import shown


@pytest.mark.parametrize("value, memo, spoken", [
    (1234, "1,234", "1234"), (2.5, "2.5", "2.5"), (9.0, "9", "9"), (-11, "\u221211", "-11"),
    (-0.001, "0", "0"), (0, "0", "0"), (1234567.891, "1,234,567.89", "1234567.89"),
    (1500000, "1,500,000", "1500000"), (0.125, "0.12", "0.12"),
])
def test_shown(value, memo, spoken):
    assert shown(value) == memo
    assert shown(value, spoken=True) == spoken


def test_never_an_exponent_and_every_changed_digit_with_more_places():
    assert shown(1.5e6, places=6) == "1,500,000"
    assert shown(3.456, places=6) != shown(3.457, places=6)
    assert shown(100, places=6, spoken=True) == "100"
