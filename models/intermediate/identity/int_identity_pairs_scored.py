"""Splink scores for candidate pairs of profile records.

The model is read from var `linkage_model_path`; when that file does not exist yet, the
model is first trained on these very records (the policy for a new data set) and saved
there. Records that give Splink nothing to learn from (none, a handful, one filled column)
train no model: the run links by the deterministic rules alone and the next run tries again.
Pairs below var `review_threshold` are not kept.

Incremental: a refresh scores only the records whose linkage values changed (their
`linkage_hash`), against each other and against all the others, after deleting the pairs
of changed and removed records from this table; see customer_identity.linkage.incremental.
The fingerprints of the records as scored are kept in `<schema>.linkage_scored_records`.
A new model file or a full refresh scores everything again.
"""

from pathlib import Path


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="append")
    from customer_identity.linkage.incremental import score_changed_records
    from customer_identity.linkage.predict import PAIR_SCHEMA
    from customer_identity.linkage.train import NotEnoughDataToTrain, train_model
    from customer_identity.timing import timed

    records = dbt.ref("int_identity_records_for_linkage")
    model_path = Path(dbt.config.get("linkage_model_path"))
    if not model_path.exists():
        print(f"No linkage model at {model_path}: training one on this data set")
        try:
            with timed("linkage training"):
                train_model(session, records.sql_query(), model_path)
        except NotEnoughDataToTrain as error:
            print(f"WARNING: {error.fallback_message()}")
            return PAIR_SCHEMA.empty_table()
    this = dbt.this
    with timed("linkage prediction"):
        outcome = score_changed_records(
            session,
            records.sql_query(),
            model_path,
            minimum_probability=float(dbt.config.get("review_threshold")),
            pairs_relation=str(this) if dbt.is_incremental else None,
            state_relation=f'"{this.database}"."{this.schema}"."linkage_scored_records"',
        )
    print(
        f"Scored {outcome.scored_records} of {outcome.records} records "
        f"({'all' if outcome.full else 'changed only'}): {outcome.pairs.num_rows} new pairs"
    )
    return outcome.pairs
