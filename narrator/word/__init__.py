"""Word: the .docx report, its review and regeneration."""
