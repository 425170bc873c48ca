"""narrator: drafts Overview and Scrutiny performance reports from KPI dashboards."""
