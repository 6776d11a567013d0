"""documents layer (see DESIGN.md)."""
