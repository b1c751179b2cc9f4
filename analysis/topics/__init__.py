"""Topics: the topic space and StableKMeans, guidance by themes, cross-lingual
centring, BERTopic holding the topics, their words (one c-TF-IDF), persistence."""
