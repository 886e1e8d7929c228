-- How many scored pairs fall in each match-probability band, and how many of them the run
-- linked: run with `dbt compile --select pairs_by_match_probability` and paste into DuckDB
-- to choose auto_link_threshold and review_threshold.
with

scored_pairs as (
    select * from {{ ref('int_identity_pairs_scored') }}
),

linked_edges as (
    select * from {{ ref('int_identity_edges_linked') }}
),

banded as (
    select
        floor(scored_pairs.match_probability * 20) / 20 as probability_band,
        linked_edges.record_key_l is not null as is_linked
    from scored_pairs
    left join linked_edges
        on
            scored_pairs.record_key_l = linked_edges.record_key_l
            and scored_pairs.record_key_r = linked_edges.record_key_r
),

final as (
    select
        probability_band,
        count(*) as pairs,
        count(*) filter (where is_linked) as linked_pairs
    from banded
    group by probability_band
)

select * from final
order by probability_band
