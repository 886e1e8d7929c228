{{ config(
    materialized='incremental',
    unique_key='record_key',
    incremental_strategy='delete+insert',
    full_refresh=false,
    on_schema_change='append_new_columns',
    schema='history',
) }}
-- The registry of which customer each source record belongs to, kept between runs: the
-- next run inherits ids from it. Only rows that changed are written, so an unchanged rerun
-- writes nothing; a record missing from the extracts stays with is_present false and the
-- customer it last had. A full refresh keeps it. Written only after the models that
-- compare this run against the previous state (id events, changed customers):
-- depends_on: {{ ref('int_customer_id_events') }}, {{ ref('int_customers_changed') }}
with

assignments as (
    select * from {{ ref('int_customers_assigned') }}
),

current_records as (
    select
        record_key,
        source_system,
        source_record_id,
        customer_id,
        content_hash,
        is_tombstone,
        true as is_present
    from assignments
),

{% if is_incremental() %}
previous_records as (
    select * from {{ this }}
),

changed_records as (
    select current_records.*
    from current_records
    left join previous_records on current_records.record_key = previous_records.record_key
    where
        previous_records.record_key is null
        or not previous_records.is_present
        or previous_records.is_tombstone != current_records.is_tombstone
        or coalesce(previous_records.customer_id, '') != coalesce(current_records.customer_id, '')
        or coalesce(previous_records.content_hash, '') != coalesce(current_records.content_hash, '')
),

removed_records as (
    select
        previous_records.record_key,
        previous_records.source_system,
        previous_records.source_record_id,
        previous_records.customer_id,
        previous_records.content_hash,
        previous_records.is_tombstone,
        false as is_present
    from previous_records
    left join current_records on previous_records.record_key = current_records.record_key
    where previous_records.is_present and current_records.record_key is null
),

written_records as (
    select * from changed_records
    union all
    select * from removed_records
),
{% else %}
written_records as (
    select * from current_records
),
{% endif %}

final as (
    select
        written_records.*,
        '{{ invocation_id }}' as assigned_in_run_id,
        {{ run_started_at_timestamp() }} as assigned_at
    from written_records
)

select * from final
