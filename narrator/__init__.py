"""narrator: drafts Overview and Scrutiny performance reports from KPI dashboards."""

__version__ = "0.1.0"
"""The release; pyproject.toml takes it from here (one place to change it)."""
