"""The keyword step: TF-IDF keywords per group and distinctive terms."""
