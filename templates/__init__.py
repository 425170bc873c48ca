"""Word reference document and report outline."""
