{{ config(materialized='incremental', full_refresh=false, on_schema_change='append_new_columns') }}
-- Every event in the life of a customer id, one row per event and run: created, merged (the
-- old id retired into the new one), split (records of the old id moved to the new one),
-- erased and retired. Appended to by every run that changes ids; a full refresh keeps it.
with

events as (
    select * from {{ ref('int_customer_id_events') }}
),

final as (
    select
        '{{ invocation_id }}:' || event_key as history_event_id,
        '{{ invocation_id }}' as run_id,
        {{ run_started_at_timestamp() }} as run_started_at,
        event_type,
        old_customer_id,
        new_customer_id,
        record_count
    from events
)

select * from final
