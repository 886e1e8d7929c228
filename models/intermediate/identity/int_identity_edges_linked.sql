-- The edges that join profile records into one customer: deterministic edges, Splink pairs
-- at or above var auto_link_threshold that int_identity_pairs_checked does not find
-- contradicted, and steward `match` decisions; a steward `no_match` removes the direct
-- edge (chains through other records are cut at clustering).
-- link_strength orders edges for cutting: steward matches never, then deterministic edges,
-- then Splink pairs by match weight.
with

deterministic_edges as (
    select * from {{ ref('int_identity_edges_deterministic') }}
),

scored_pairs as (
    select * from {{ ref('int_identity_pairs_checked') }}
    where match_probability >= {{ var('auto_link_threshold') }} and not is_contradicted
),

records as (
    select * from {{ ref('int_identity_records_for_linkage') }}
),

steward_decisions as (
    select * from {{ ref('int_identity_steward_decisions_latest') }}
),

steward_matches as (
    select steward_decisions.*
    from steward_decisions
    inner join records as left_record on steward_decisions.record_key_l = left_record.record_key
    inner join records as right_record on steward_decisions.record_key_r = right_record.record_key
    where steward_decisions.decision = 'match'
),

unioned as (
    select
        record_key_l,
        record_key_r,
        'deterministic: ' || linked_by as evidence,
        cast(null as double) as match_probability,
        100.0 as link_strength
    from deterministic_edges

    union all

    select
        record_key_l,
        record_key_r,
        'probabilistic' as evidence,
        match_probability,
        greatest(match_weight, 0.0) as link_strength
    from scored_pairs

    union all

    select
        record_key_l,
        record_key_r,
        'steward: match by ' || coalesce(decided_by, 'unknown') as evidence,
        cast(null as double) as match_probability,
        1000000.0 as link_strength
    from steward_matches
),

aggregated as (
    select
        least(record_key_l, record_key_r) as record_key_l,
        greatest(record_key_l, record_key_r) as record_key_r,
        {{ string_agg_ordered('evidence', "'; '") }} as evidence,
        max(match_probability) as match_probability,
        sum(link_strength) as link_strength
    from unioned
    group by least(record_key_l, record_key_r), greatest(record_key_l, record_key_r)
),

final as (
    select aggregated.*
    from aggregated
    left join steward_decisions
        on
            aggregated.record_key_l = steward_decisions.record_key_l
            and aggregated.record_key_r = steward_decisions.record_key_r
            and steward_decisions.decision = 'no_match'
    where steward_decisions.record_key_l is null
)

select * from final
