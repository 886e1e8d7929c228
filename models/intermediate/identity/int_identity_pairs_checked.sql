-- Every Splink-scored pair with whether the two records contradict each other: first names
-- or birth dates that cannot belong to one person (and no shared national id, which is
-- person-level evidence a name or date typo cannot outvote). Household members share a
-- surname, an address and often a phone, which the model counts as independent evidence;
-- a contradicted pair is never linked automatically, whatever it scores.
with

scored_pairs as (
    select * from {{ ref('int_identity_pairs_scored') }}
),

records as (
    select * from {{ ref('int_identity_records_for_linkage') }}
),

checked as (
    select
        scored_pairs.*,
        (
            coalesce(left_record.national_id = right_record.national_id, false)
            or (
                {{ first_names_compatible('left_record', 'right_record') }}
                and {{ birth_dates_compatible('left_record', 'right_record') }}
            )
        ) as is_compatible
    from scored_pairs
    inner join records as left_record
        on scored_pairs.record_key_l = left_record.record_key
    inner join records as right_record
        on scored_pairs.record_key_r = right_record.record_key
),

final as (
    select
        record_key_l,
        record_key_r,
        match_weight,
        match_probability,
        blocking_rule,
        comparison_match_weights,
        not is_compatible as is_contradicted
    from checked
)

select * from final
