"""Themes: lexicons, per-unit shares and explanations, zero-shot topic labels."""
