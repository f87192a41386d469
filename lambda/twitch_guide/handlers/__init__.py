"""Thin ASK handlers: each reads its request, asks the conversation, and writes the reply."""
