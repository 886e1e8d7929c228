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

-- Records with the names, birth date and address that tell household members apart.
comparable_records as (
    select * from records
    where
        first_name_key is not null
        and last_name_key is not null
        and date_of_birth is not null
        and street_key is not null
        and postcode is not null
),

same_address_pairs as (
    select
        {{ first_names_compatible('left_record', 'right_record') }} as is_first_name_compatible,
        {{ birth_dates_compatible('left_record', 'right_record') }} as is_birth_date_compatible
    from comparable_records as left_record
    inner join comparable_records as right_record
        on
            left_record.last_name_key = right_record.last_name_key
            and left_record.street_key = right_record.street_key
            and left_record.postcode = right_record.postcode
            and left_record.record_key < right_record.record_key
),

-- How much a disagreement must weigh to contradict a pair, learned from this data set.
-- Among records sharing a last name and an address, pairs differing in first name and
-- birth date are other household members, pairs agreeing on both are one person. A
-- disagreement whose match weight is at or below log2(household pairs / one-person pairs)
-- is likelier another household member than a typo of the same person: data with many
-- households vetoes most disagreements, data without households leaves them to the model.
-- (+1 on both: with no such pairs at all, any disagreement the model counts against a
-- match contradicts.)
contradiction_threshold as (
    select
        log2(
            (count(*) filter (where not is_first_name_compatible and not is_birth_date_compatible) + 1.0)
            / (count(*) filter (where is_first_name_compatible and is_birth_date_compatible) + 1.0)
        ) as contradiction_match_weight
    from same_address_pairs
),

weighted as (
    select
        scored_pairs.*,
        contradiction_threshold.contradiction_match_weight,
        coalesce({{ json_number('scored_pairs.comparison_match_weights', 'first_name') }}, 0)
            as first_name_weight,
        coalesce({{ json_number('scored_pairs.comparison_match_weights', 'date_of_birth') }}, 0)
            as date_of_birth_weight
    from scored_pairs
    cross join contradiction_threshold
),

checked as (
    select
        weighted.*,
        (
            coalesce(left_record.national_id = right_record.national_id, false)
            or (
                (
                    weighted.first_name_weight > weighted.contradiction_match_weight
                    or {{ first_names_compatible('left_record', 'right_record') }}
                )
                and (
                    weighted.date_of_birth_weight > weighted.contradiction_match_weight
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
        contradiction_match_weight,
        not is_compatible as is_contradicted
    from checked
)

select * from final
