"""The phrasebook: report wording as data (YAML + Jinja)."""
