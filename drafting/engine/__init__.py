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
# The names below are loaded on first use (PEP 562), not on import: importing drafting.engine for
# its checks or slots (the CLI loads the drafting checks for every lint) must not import the model
# clients (openai, langchain), which cost about five seconds at the start of every process.
_EXPORTS = {
    **dict.fromkeys(("PROVIDERS", "Completion", "ConnectionCheck", "OfflineProvider", "Provider", "ProviderError",
                     "get_provider", "provider_from_env", "provider_from_settings", "test_connection"), "provider"),
    **dict.fromkeys(("DraftingSettings", "load_settings"), "settings"),
    **dict.fromkeys(("DraftEvent", "DraftResult", "SectionResult", "draft_report", "draft_report_async",
                     "revise_section"), "draft"),
    "extract_facts": "facts", "offline_section": "offline", "fill_slots": "slots", "slot_catalogue": "slots",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
