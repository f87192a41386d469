"""The channel-independent triage core: the rule set, its loader and the engine. No ASK imports here."""
