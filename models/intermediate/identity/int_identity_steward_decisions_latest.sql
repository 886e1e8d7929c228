-- The decision in force for each pair of records: the latest one (by decided_at, then the
-- later line of the file). Pairs are unordered: (a, b) and (b, a) are one pair.
with

decisions as (
    select * from {{ ref('stg_stewardship__decisions') }}
    where quarantine_reason is null
),

ordered as (
    select
        least(left_record_key, right_record_key) as record_key_l,
        greatest(left_record_key, right_record_key) as record_key_r,
        decision,
        decided_by,
        decided_at,
        source_row_number
    from decisions
),

final as (
    select
        record_key_l,
        record_key_r,
        decision,
        decided_by,
        decided_at
    from ordered
    qualify row_number() over (
        partition by record_key_l, record_key_r
        order by decided_at desc nulls last, source_row_number desc
    ) = 1
)

select * from final
