-- The one surviving value per customer and attribute, chosen by the attribute's strategy in
-- the seed survivorship_rules (ranking in macro survivorship_order_by), with its provenance.
with

candidates as (
    select * from {{ ref('int_customer_attribute_candidates') }}
),

rules as (
    select * from {{ ref('survivorship_rules') }}
),

previously_published as (
    select * from {{ ref('int_customer_attributes_previously_published') }}
),

-- The newest candidate of each cell (for trust decay) and how many records hold each value
-- (for most_frequent), aggregated only for the attributes whose rule uses them: grouping
-- and joining back costs a fraction of a window over every candidate.
newest_candidates as (
    select
        candidates.customer_id,
        candidates.attribute,
        max(candidates.source_updated_at) as newest_candidate_at
    from candidates
    inner join rules on candidates.attribute = rules.attribute
    where rules.staleness_days is not null
    group by candidates.customer_id, candidates.attribute
),

value_frequencies as (
    select
        candidates.customer_id,
        candidates.attribute,
        candidates.value,
        count(*) as value_frequency
    from candidates
    inner join rules on candidates.attribute = rules.attribute
    where rules.strategy = 'most_frequent'
    group by candidates.customer_id, candidates.attribute, candidates.value
),

with_rules as (
    select
        candidates.*,
        rules.strategy,
        rules.staleness_days,
        rules.data_type,
        newest_candidates.newest_candidate_at,
        value_frequencies.value_frequency,
        (previously_published.customer_id is not null) as is_previously_published
    from candidates
    inner join rules on candidates.attribute = rules.attribute
    left join newest_candidates
        on
            candidates.customer_id = newest_candidates.customer_id
            and candidates.attribute = newest_candidates.attribute
    left join value_frequencies
        on
            candidates.customer_id = value_frequencies.customer_id
            and candidates.attribute = value_frequencies.attribute
            and candidates.value = value_frequencies.value
    left join previously_published
        on
            candidates.customer_id = previously_published.customer_id
            and candidates.attribute = previously_published.attribute
            and candidates.record_key = previously_published.record_key
            and candidates.value = previously_published.value
),

ranked as (
    select
        *,
        coalesce(
            staleness_days is not null
            and source_updated_at
            < {{ dbt.dateadd('day', '-1 * staleness_days', 'newest_candidate_at') }},
            false
        ) as is_stale,
        case
            when
                lower(data_type) like 'decimal%'
                or lower(data_type) like 'numeric%'
                or lower(data_type) in ('integer', 'bigint', 'smallint', 'double', 'float', 'real')
                then {{ try_cast('value', 'double') }}
        end as numeric_value
    from with_rules
),

winners as (
    select
        ranked.*,
        row_number() over (
            partition by ranked.customer_id, ranked.attribute
            order by {{ survivorship_order_by('ranked') }}
        ) as candidate_rank
    from ranked
),

final as (
    select
        customer_id || '|' || attribute as cell_id,
        customer_id,
        attribute,
        value,
        source_system,
        source_record_id,
        record_key,
        source_updated_at as value_updated_at,
        strategy as rule,
        staleness_days,
        (strategy = 'keep_existing' and is_previously_published) as is_kept_from_last_run,
        trust_rank
    from winners
    where candidate_rank = 1
)

select * from final
