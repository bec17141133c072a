"""Pure-Python domain: the plan, the records, and the supervision rules."""
