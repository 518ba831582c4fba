"""The claims layer: the one place where Chinese prose is read for numbers, dates, 文号 and titles.

Every rule, drafting check and fact extraction that reads figures in text goes through here:
``read(text)`` returns a Reading with quantities (value, unit, approximation, the phrase counted,
the list item and enumeration), dates, 文号 and 《》 titles; ``ties(reading)`` ties quantities
to metrics of the tables through an explicit lexicon (drafting/claims/lexicon.py), saying how
certain each tie is. Text is normalised first (drafting/claims/text.py).
"""
from .numerals import value as numeral_value
from .read import (DOCNO_RE, DATE_RE, QUANTITY_RE, UNITS, DateRef, Enumeration, Quantity, Reading, Span,
                   read)
from .text import Norm, normalise, plain

__all__ = ["DOCNO_RE", "DATE_RE", "QUANTITY_RE", "UNITS", "DateRef", "Enumeration", "Norm", "Quantity",
           "Reading", "Span", "normalise", "numeral_value", "plain", "read"]
