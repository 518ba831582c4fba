"""The deterministic validator: rules with stable codes over a Report."""
from .core import (RULES, SEVERITIES, SEVERITY_ZH, Context, Finding, Rule, all_rules, has_errors,
                   rules_markdown, validate)

__all__ = ["RULES", "SEVERITIES", "SEVERITY_ZH", "Context", "Finding", "Rule", "all_rules",
           "has_errors", "rules_markdown", "validate"]
