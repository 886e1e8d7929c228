-- What this run did to customer ids, against the previous run's assignment: ids issued for
-- new customers (created) and for parts split off (split), ids retired into the customer
-- that took most of their records (merged), ids left with no records (retired), and
-- customers erased this run (erased; the id survives as a tombstone).
{%- set string_type = dbt.type_string() %}
{%- set boolean_type = dbt.type_boolean() %}
with

assignments as (
    select * from {{ ref('int_customers_assigned') }}
),

previous_assignments as (
    {{ select_persisted('history', 'customer_assignment_state', [
        ['record_key', string_type],
        ['customer_id', string_type],
        ['is_tombstone', boolean_type],
        ['is_present', boolean_type],
    ]) }}
),

issued_ids as (
    {{ select_persisted(target.schema, 'customer_id_map', [['customer_id', string_type]]) }}
),

current_customers as (
    select
        customer_id,
        bool_or(is_tombstone) as is_tombstone
    from assignments
    where customer_id is not null
    group by customer_id
),

previous_customers as (
    select
        customer_id,
        bool_or(is_tombstone) as was_tombstone
    from previous_assignments
    where is_present and customer_id is not null
    group by customer_id
),

-- Records that changed customer, by earlier and current id.
record_moves as (
    select
        previous_customer_id,
        customer_id,
        count(*) as record_count
    from assignments
    where
        previous_customer_id is not null
        and customer_id is not null
        and previous_customer_id != customer_id
    group by previous_customer_id, customer_id
),

ranked_successors as (
    select
        record_moves.previous_customer_id,
        record_moves.customer_id,
        record_moves.record_count,
        (current_customers.customer_id is not null) as previous_id_survives,
        row_number() over (
            partition by record_moves.previous_customer_id
            order by record_moves.record_count desc, record_moves.customer_id asc
        ) as successor_rank
    from record_moves
    left join current_customers
        on record_moves.previous_customer_id = current_customers.customer_id
),

issued_customers as (
    select current_customers.customer_id
    from current_customers
    left join issued_ids on current_customers.customer_id = issued_ids.customer_id
    where issued_ids.customer_id is null
),

events as (
    -- An id gone from this run passes to the customer that took most of its records; the
    -- other parts, like any records leaving a surviving id, are split off.
    select
        case
            when not previous_id_survives and successor_rank = 1 then 'merged'
            else 'split'
        end as event_type,
        previous_customer_id as old_customer_id,
        customer_id as new_customer_id,
        record_count
    from ranked_successors
    union all
    select
        'created' as event_type,
        cast(null as {{ string_type }}) as old_customer_id,
        issued_customers.customer_id as new_customer_id,
        count(*) as record_count
    from issued_customers
    inner join assignments on issued_customers.customer_id = assignments.customer_id
    left join ranked_successors
        on issued_customers.customer_id = ranked_successors.customer_id
    where ranked_successors.customer_id is null
    group by issued_customers.customer_id
    union all
    select
        'retired' as event_type,
        previous_customers.customer_id as old_customer_id,
        cast(null as {{ string_type }}) as new_customer_id,
        0 as record_count
    from previous_customers
    left join current_customers on previous_customers.customer_id = current_customers.customer_id
    left join ranked_successors
        on previous_customers.customer_id = ranked_successors.previous_customer_id
    where current_customers.customer_id is null and ranked_successors.previous_customer_id is null
    union all
    select
        'erased' as event_type,
        current_customers.customer_id as old_customer_id,
        current_customers.customer_id as new_customer_id,
        0 as record_count
    from current_customers
    left join previous_customers on current_customers.customer_id = previous_customers.customer_id
    where current_customers.is_tombstone and not coalesce(previous_customers.was_tombstone, false)
),

final as (
    select
        event_type
        || ':' || coalesce(old_customer_id, '')
        || ':' || coalesce(new_customer_id, '') as event_key,
        event_type,
        old_customer_id,
        new_customer_id,
        record_count
    from events
)

select * from final
