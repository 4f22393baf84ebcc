"""Numbers as written in Chinese text: ``45.5``, ``1,000``, ``十四``, ``三点五``, scaled without float error.

The numerals (digits, 十/百/千, the decimal point 点) are the statistics pack's.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kg.rules import load_rules
from kg.rules.statistics import StatisticRules


def chinese_number(text: str, rules: StatisticRules | None = None) -> Decimal | None:
    """Value of a Chinese numeral (``十四``, ``三千五百``, ``两``, ``三点五``), by the numerals of ``rules``
    (the built-in pack's when None).

    >>> chinese_number("三千五百"), chinese_number("十四"), chinese_number("两")
    (Decimal('3500'), Decimal('14'), Decimal('2'))
    """
    r = rules or load_rules().statistics
    digits, units = r.digits, r.numeral_units
    if r.decimal_point in text:
        whole, _, frac = text.partition(r.decimal_point)
        w = chinese_number(whole, r) if whole else Decimal(0)
        if w is None or not frac or any(c not in digits for c in frac):
            return None
        return w + Decimal("0." + "".join(str(digits[c]) for c in frac))
    total, digit = 0, None
    for ch in text:
        if ch in digits:
            if digit is not None:  # 二零二一: digit by digit
                digit = digit * 10 + digits[ch]
            else:
                digit = digits[ch]
        elif ch in units:
            total += (digit if digit is not None else 1) * units[ch]
            digit = None
        else:
            return None
    return Decimal(total + (digit or 0))


def parse_number(text: str, rules: StatisticRules | None = None) -> Decimal | None:
    """``45.5`` / ``1,000`` / ``十四`` -> Decimal."""
    t = text.replace(",", "")
    if t[:1].isdigit():
        try:
            return Decimal(t)
        except InvalidOperation:
            return None
    return chinese_number(t, rules)


def normalise(value: Decimal, power: int) -> Decimal:
    """``value × 10**power`` without float error or exponent notation.

    >>> str(normalise(Decimal("45.5"), 12))
    '45500000000000'
    """
    v = value.scaleb(power)
    if v == v.to_integral_value():
        return v.quantize(Decimal(1))
    return v.normalize()
