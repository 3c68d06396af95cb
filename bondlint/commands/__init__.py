"""Subcommands over JSON reports already written: ``bondlint merge`` and ``bondlint diff``."""
