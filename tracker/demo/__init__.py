"""A realistic demo of the pilot, generated from a seed."""
