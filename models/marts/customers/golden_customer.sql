-- One row per resolved customer: each attribute as survivorship chose it (seed
-- survivorship_rules; provenance in golden_customer_lineage), plus activity over all the
-- customer's records. An erased customer stays as a tombstone: its id, counts and times, no
-- personal value (is_erased).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_customers() }}",
) }}
-- Incremental: a run rewrites only the customers it changed (int_customers_changed) and
-- deletes those it retired or merged away, so an unchanged rerun rewrites no row. After a
-- change to the survivorship rules, rebuild everything with a full refresh.
{%- set attributes = survivorship_attributes() %}
with

all_assignments as (
    select * from {{ ref('int_customers_assigned') }}
    where customer_id is not null
),

changed_customers as (
    select * from {{ ref('int_customers_changed') }}
    where is_current
),

-- The customers this run changed; every customer on a first or full build.
assignments as (
    select all_assignments.*
    from all_assignments
    left join changed_customers on all_assignments.customer_id = changed_customers.customer_id
    where
        changed_customers.customer_id is not null
        or {{ 'false' if is_incremental() else 'true' }}
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

survived as (
    select * from {{ ref('int_customer_attributes_survived') }}
),

customer_activity as (
    select
        assignments.customer_id,
        min(records.first_seen_at) as first_seen_at,
        max(records.source_updated_at) as last_seen_at,
        count(*) as source_record_count,
        count(*) filter (where records.is_profile) as profile_record_count,
        count(*) filter (where not records.is_profile) as interaction_count,
        {{ string_agg_ordered('records.channel', "','", distinct=true) }} as channels_used,
        coalesce(bool_or(records.is_erased), false) as is_erased
    from assignments
    inner join records on assignments.record_key = records.record_key
    group by assignments.customer_id
),

attributes as (
    select
        customer_id,
        {{ pivot_survived_attributes(attributes) }}
    from survived
    group by customer_id
),

final as (
    select
        customer_activity.customer_id,
        {%- for rule in attributes %}
        attributes.{{ rule.attribute }},
        {%- endfor %}
        customer_activity.first_seen_at,
        customer_activity.last_seen_at,
        customer_activity.source_record_count,
        customer_activity.profile_record_count,
        customer_activity.interaction_count,
        customer_activity.channels_used,
        customer_activity.is_erased,
        {{ run_started_at_timestamp() }} as refreshed_at
    from customer_activity
    left join attributes on customer_activity.customer_id = attributes.customer_id
)

select * from final
