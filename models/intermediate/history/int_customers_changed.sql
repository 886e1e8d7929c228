-- The customers whose published rows this run must rewrite or remove: those that gained,
-- lost or kept a record whose content changed, and every id an event touched. Golden
-- records and their lineage are recomputed for these customers only, so an unchanged
-- rerun rewrites no golden row. is_current says whether the id still has records.
{%- set string_type = dbt.type_string() %}
with

assignments as (
    select * from {{ ref('int_customers_assigned') }}
),

events as (
    select * from {{ ref('int_customer_id_events') }}
),

previous_assignments as (
    {{ select_persisted('history', 'customer_assignment_state', [
        ['record_key', string_type],
        ['customer_id', string_type],
        ['is_present', dbt.type_boolean()],
    ]) }}
),

changed_records as (
    select
        customer_id,
        previous_customer_id
    from assignments
    where
        coalesce(customer_id, '') != coalesce(previous_customer_id, '')
        or coalesce(content_hash, '') != coalesce(previous_content_hash, '')
),

removed_records as (
    select previous_assignments.customer_id
    from previous_assignments
    left join assignments on previous_assignments.record_key = assignments.record_key
    where previous_assignments.is_present and assignments.record_key is null
),

touched_ids as (
    select customer_id from changed_records
    union
    select previous_customer_id as customer_id from changed_records
    union
    select customer_id from removed_records
    union
    select old_customer_id as customer_id from events
    union
    select new_customer_id as customer_id from events
),

current_ids as (
    select distinct customer_id
    from assignments
    where customer_id is not null
),

final as (
    select
        touched_ids.customer_id,
        (current_ids.customer_id is not null) as is_current
    from touched_ids
    left join current_ids on touched_ids.customer_id = current_ids.customer_id
    where touched_ids.customer_id is not null
)

select * from final
