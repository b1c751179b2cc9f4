"""Reading the corpus (files and tables, bad files named and skipped), dates, atomic writes."""
