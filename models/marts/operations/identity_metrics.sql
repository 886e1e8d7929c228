-- How the last run resolved identities, one row per metric (and source or size band where
-- the metric has one). Definitions: see _operations__models.yml.
with

xref as (
    select * from {{ ref('customer_xref') }}
),

golden as (
    select * from {{ ref('golden_customer') }}
),

quarantined as (
    select * from {{ ref('quarantined_records') }}
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

erasure_registry as (
    select * from {{ ref('erasure_registry') }}
),

review_queue_pairs as (
    select * from {{ ref('identity_review_queue') }}
),

id_events as (
    select * from {{ ref('int_customer_id_events') }}
),

resolved_profiles as (
    select
        count(*) as records,
        count(distinct customer_id) as customers
    from xref
    where source_system <> 'interactions' and customer_id is not null
),

cluster_sizes as (
    select
        customer_id,
        count(*) as record_count,
        case
            when count(*) = 1 then '1'
            when count(*) = 2 then '2'
            when count(*) <= 5 then '3-5'
            when count(*) <= 10 then '6-10'
            else '11+'
        end as size_band
    from xref
    where customer_id is not null
    group by customer_id
),

review_queue as (
    select count(*) as pairs
    from review_queue_pairs
),

metrics as (
    select
        'records_in' as metric,
        source_system as dimension,
        cast(count(*) as double) as metric_value
    from (
        select source_system from xref
        union all
        select source_system from quarantined
    ) as records_in
    group by source_system

    union all

    select
        'records_resolved' as metric,
        source_system as dimension,
        cast(count(customer_id) as double) as metric_value
    from xref
    group by source_system

    union all

    select
        'customers_out' as metric,
        'all' as dimension,
        cast(count(*) as double) as metric_value
    from golden

    union all

    select
        'merge_rate' as metric,
        'profiles' as dimension,
        cast(count(*) filter (where profile_record_count > 1) as double)
        / nullif(count(*) filter (where profile_record_count > 0), 0) as metric_value
    from golden

    union all

    select
        'duplicate_elimination_rate' as metric,
        'profiles' as dimension,
        1 - cast(customers as double) / nullif(records, 0) as metric_value
    from resolved_profiles

    union all

    select
        'cluster_size' as metric,
        size_band as dimension,
        cast(count(*) as double) as metric_value
    from cluster_sizes
    group by size_band

    union all

    select
        'review_queue_size' as metric,
        'pairs' as dimension,
        cast(pairs as double) as metric_value
    from review_queue

    union all

    select
        'erased_customers' as metric,
        'all' as dimension,
        cast(count(*) filter (where is_erased) as double) as metric_value
    from golden

    union all

    -- Records the registry names that this build has not masked yet: the run builds staging
    -- and its descendants again when this is not zero (first run after a request).
    select
        'erasure_pending_records' as metric,
        'all' as dimension,
        cast(count(*) as double) as metric_value
    from records
    where
        not coalesce(records.is_erased, false)
        and {{ erasure_match('erasure_registry', 'records.record_key') }}

    union all

    select
        'customer_id_events' as metric,
        event_type as dimension,
        cast(count(*) as double) as metric_value
    from id_events
    group by event_type

    union all

    select
        'quarantined_rows' as metric,
        'all' as dimension,
        cast(count(*) as double) as metric_value
    from quarantined
),

final as (
    select
        metric || ':' || dimension as metric_id,
        metric,
        dimension,
        metric_value
    from metrics
)

select * from final
