"""Intake: read and check what the user gives (dashboards, config, catalogue, commentary)."""
