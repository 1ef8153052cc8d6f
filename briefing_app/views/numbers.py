"""Every number and date a reader sees, formatted one way for the screen, print and the command line.

Decided once here: big numbers are shortened with "bn"/"tn"/"m"/"k" to three significant digits
("1.41 bn", "US$ 17.8 tn"); exact numbers have thousands separators; dates read "4 July 2024".
"""

from __future__ import annotations

from datetime import date
from typing import Any

MAGNITUDES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))
MONEY = "US$ "


def short_number(value: float, *, money: bool = False) -> str:
    """1,410,710,000 -> '1.41 bn'; 17,794,781,986,104 US$ -> 'US$ 17.8 tn' (three significant digits)."""
    prefix = MONEY if money else ""
    for size, word in MAGNITUDES:
        if abs(value) >= size:
            return f"{prefix}{value / size:.3g} {word}"
    return f"{prefix}{value:,.0f}"


def exact_number(value: float) -> str:
    """1410710000 -> '1,410,710,000'; a fraction keeps its decimals."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def long_date(value: Any) -> str:
    """'2024-07-04' -> '4 July 2024'; anything that is not an ISO date is returned as text."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return f"{day.day} {day:%B %Y}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 proposal', '4 proposals'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def weekday_date(value: Any) -> str:
    """'2024-07-04' -> 'Thursday, 4 July 2024' (the text itself if it is not an ISO date)."""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day:%A}, {long_date(day)}"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(count: int) -> str:
    """3 -> 'three' (up to ten), 12 -> '12'."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)
