"""Files made from the pilot's data for people to keep: the catalog as .xlsx, .csv or .html."""
