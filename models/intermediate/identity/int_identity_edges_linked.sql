-- The edges that join profile records into one customer: deterministic edges, and Splink
-- pairs at or above var auto_link_threshold.
with

deterministic_edges as (
    select * from {{ ref('int_identity_edges_deterministic') }}
),

scored_pairs as (
    select * from {{ ref('int_identity_pairs_scored') }}
    where match_probability >= {{ var('auto_link_threshold') }}
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
    from scored_pairs
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
