-- The edges that join profile records into one customer: deterministic edges, and Splink
-- pairs at or above var auto_link_threshold. A Splink pair whose first names or birth dates
-- contradict each other is not linked however high it scores (unless the two share a
-- national id): household members share a surname, an address and often a phone, which the
-- model counts as independent evidence.
with

deterministic_edges as (
    select * from {{ ref('int_identity_edges_deterministic') }}
),

scored_pairs as (
    select * from {{ ref('int_identity_pairs_scored') }}
    where match_probability >= {{ var('auto_link_threshold') }}
),

records as (
    select * from {{ ref('int_identity_records_for_linkage') }}
),

compatible_scored_pairs as (
    select scored_pairs.*
    from scored_pairs
    inner join records as left_record
        on scored_pairs.record_key_l = left_record.record_key
    inner join records as right_record
        on scored_pairs.record_key_r = right_record.record_key
    where
        -- A shared national id is person-level evidence that a name or date typo cannot outvote.
        left_record.national_id = right_record.national_id
        or (
            {{ first_names_compatible('left_record', 'right_record') }}
            and {{ birth_dates_compatible('left_record', 'right_record') }}
        )
),

unioned as (
    select
        record_key_l,
        record_key_r,
        'deterministic: ' || linked_by as evidence,
        cast(null as double) as match_probability
    from deterministic_edges

    union all

    select
        record_key_l,
        record_key_r,
        'probabilistic' as evidence,
        match_probability
    from compatible_scored_pairs
),

final as (
    select
        least(record_key_l, record_key_r) as record_key_l,
        greatest(record_key_l, record_key_r) as record_key_r,
        string_agg(evidence, '; ' order by evidence) as evidence,
        max(match_probability) as match_probability
    from unioned
    group by least(record_key_l, record_key_r), greatest(record_key_l, record_key_r)
)

select * from final
