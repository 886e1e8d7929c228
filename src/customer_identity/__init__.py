"""Customer identity resolution: the Python side of the dbt project.

The package holds the Splink model definition, training and prediction, the synthetic data
generator, evaluation and the run summary. SQL lives in the dbt project.
"""

__version__ = "0.1.0"
