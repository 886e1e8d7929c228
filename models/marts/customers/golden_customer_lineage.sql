-- Provenance of every published golden_customer cell: the value, the source record it came
-- from, the rule that chose it and the value's own timestamp. Incremental like
-- golden_customer: only the changed customers' cells are rewritten.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_customers() }}",
) }}
-- depends_on: {{ ref('int_customers_changed') }}
with

survived as (
    select * from {{ ref('int_customer_attributes_survived') }}
),

final as (
    select
        cell_id,
        customer_id,
        attribute,
        value,
        source_system,
        source_record_id,
        record_key,
        rule,
        staleness_days,
        is_kept_from_last_run,
        value_updated_at
    from survived
)

select * from final
