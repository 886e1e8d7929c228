"""Splink scores for candidate pairs of profile records.

The model is read from var `linkage_model_path`; when that file does not exist yet, the
model is first trained on these very records (the policy for a new data set) and saved
there. Pairs below var `review_threshold` are not kept.
"""

from pathlib import Path


def model(dbt, session):
    dbt.config(materialized="table")
    from customer_identity.linkage.predict import predict_pairs
    from customer_identity.linkage.train import train_model

    records = dbt.ref("int_identity_records_for_linkage")
    model_path = Path(dbt.config.get("linkage_model_path"))
    if not model_path.exists():
        print(f"No linkage model at {model_path}: training one on this data set")
        train_model(session, records.sql_query(), model_path)
    return predict_pairs(
        session,
        records.sql_query(),
        model_path,
        minimum_probability=float(dbt.config.get("review_threshold")),
    )
