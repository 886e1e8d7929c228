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

-- A disagreement contradicts a pair only where this data set's trained model says true
-- matches rarely disagree so (the comparison's match weight for the pair is at or below
-- var contradiction_match_weight): in one data set first names are rarely mistyped and a
-- different first name means a different person; in another they are often replaced.
weighted as (
    select
        scored_pairs.*,
        coalesce({{ json_number('scored_pairs.comparison_match_weights', 'first_name') }}, 0)
            as first_name_weight,
        coalesce({{ json_number('scored_pairs.comparison_match_weights', 'date_of_birth') }}, 0)
            as date_of_birth_weight
    from scored_pairs
),

checked as (
    select
        weighted.*,
        (
            coalesce(left_record.national_id = right_record.national_id, false)
            or (
                (
                    weighted.first_name_weight > {{ var('contradiction_match_weight') }}
                    or {{ first_names_compatible('left_record', 'right_record') }}
                )
                and (
                    weighted.date_of_birth_weight > {{ var('contradiction_match_weight') }}
                    or {{ birth_dates_compatible('left_record', 'right_record') }}
                )
            )
        ) as is_compatible
    from weighted
    inner join records as left_record
        on weighted.record_key_l = left_record.record_key
    inner join records as right_record
        on weighted.record_key_r = right_record.record_key
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
