"""Modal forms and the help screen."""
