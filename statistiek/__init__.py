"""The project group's figures, and the small-cell suppression every output goes through."""
