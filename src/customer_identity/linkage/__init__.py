"""The Splink model: definition in code, training, prediction and clustering."""
