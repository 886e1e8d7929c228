-- Profile records that share a usable identifier (exact normalised email, phone, account
-- id or national id), both with a first name, and whose names and birth dates do not
-- contradict it. A family email or a household landline shared by people with different
-- first names or birth dates links nobody.
with

identifiers as (
    select * from {{ ref('int_identity_identifiers_unpivoted') }}
    where is_profile and identifier_type in ('email', 'phone', 'account_id', 'national_id')
),

identifier_profiles as (
    select * from {{ ref('int_identity_identifiers_profiled') }}
    where is_usable
),

-- Names and birth dates as the linkage model sees them (placeholder dates blanked).
records as (
    select * from {{ ref('int_identity_records_for_linkage') }}
),

usable_identifiers as (
    select identifiers.*
    from identifiers
    inner join identifier_profiles
        on
            identifiers.identifier_type = identifier_profiles.identifier_type
            and identifiers.identifier_value = identifier_profiles.identifier_value
),

candidate_pairs as (
    select
        left_side.record_key as record_key_l,
        right_side.record_key as record_key_r,
        left_side.identifier_type
    from usable_identifiers as left_side
    inner join usable_identifiers as right_side
        on
            left_side.identifier_type = right_side.identifier_type
            and left_side.identifier_value = right_side.identifier_value
            and left_side.record_key < right_side.record_key
),

compatible_pairs as (
    select
        candidate_pairs.record_key_l,
        candidate_pairs.record_key_r,
        candidate_pairs.identifier_type
    from candidate_pairs
    inner join records as left_record
        on candidate_pairs.record_key_l = left_record.record_key
    inner join records as right_record
        on candidate_pairs.record_key_r = right_record.record_key
    where
        -- Emails, phones and accounts are shared within households: a record without a
        -- first name cannot show it is the same person, so the linkage model decides.
        left_record.first_name_key is not null
        and right_record.first_name_key is not null
        and {{ first_names_compatible('left_record', 'right_record') }}
        and {{ birth_dates_compatible('left_record', 'right_record') }}
),

final as (
    select
        record_key_l,
        record_key_r,
        {{ string_agg_ordered('identifier_type', "','", distinct=true) }} as linked_by
    from compatible_pairs
    group by record_key_l, record_key_r
)

select * from final
