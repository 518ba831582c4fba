"""The drafting engine: prompt chains with data slots, an offline drafter, providers.

Public API (what the app and the CLI call):

- ``provider_from_settings(base_url, model, api_key, ...)`` / ``provider_from_env()`` → ``Provider``
  (or ``get_provider(DraftingSettings(...))``): the offline drafter or an OpenAI-compatible model,
  behind one interface (provider.py)
- ``test_connection(provider)`` → ``ConnectionCheck``
- ``draft_report(report, provider, sections=None, on_event=None)`` → ``DraftResult``
- ``revise_section(report, key, instruction, provider)`` → ``SectionResult``
- ``extract_facts(report, conversation, provider)`` → ``(Facts, follow_up_questions)``
- ``offline_section(report, key)`` → the deterministic text of one section

Every generated section is checked (data slots, stray figures, other agencies, years, unusable
answers: the drafting checks G001–G006 of drafting.engine.checks, registered with the validator's rules, then the validator); failing sections are repaired
at most twice and otherwise kept with 【待核实】 marks and listed (or, when the answer is no section
at all, replaced by the offline text). A failed model call also falls back to the offline text.
"""
from .provider import (PROVIDERS, Completion, ConnectionCheck, OfflineProvider, Provider, ProviderError, get_provider,
                       provider_from_env, provider_from_settings, test_connection)
from .settings import DraftingSettings, load_settings
from .draft import DraftEvent, DraftResult, SectionResult, draft_report, draft_report_async, revise_section
from .facts import extract_facts
from .offline import offline_section
from .slots import fill_slots, slot_catalogue

__all__ = [
    "PROVIDERS", "Completion", "DraftingSettings", "OfflineProvider", "get_provider", "load_settings",
    "ConnectionCheck", "DraftEvent", "DraftResult", "Provider", "ProviderError", "SectionResult",
    "draft_report", "draft_report_async", "extract_facts", "fill_slots", "offline_section",
    "provider_from_env", "provider_from_settings", "revise_section", "slot_catalogue", "test_connection",
]
