"""Catalog spreadsheets: reading what district staff make, and writing the published layout."""
