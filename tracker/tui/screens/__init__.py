"""The screens of the TUI, one key away each."""
