{{ config(post_hook="{{ append_rejected_lines('legacy_customers', 'legacy') }}") }}

with

source as (
    {{ read_extract('legacy', 'legacy_customers') }}
),

erasure_registry as (
    {{ erasure_registry_entries() }}
),

renamed as (
    select
        -- ids
        'legacy' as source_system,
        'legacy_customers' as extract_name,
        legacy_id as source_record_id,
        source_row_number,

        -- names
        first_name as first_name_raw,
        last_name as last_name_raw,

        -- contact points
        email as email_raw,
        phone as phone_raw,

        -- address
        address_line as street_raw,
        city as city_raw,
        postcode as postcode_raw,
        country as country_raw,
        {{ normalize_country('country') }} as country_code,

        -- profile
        dob as date_of_birth_raw,
        national_id as national_id_raw,

        -- timestamps: the legacy system only kept a date
        cast({{ parse_date('last_updated', '%Y-%m-%d') }} as timestamp) as source_updated_at,

        -- as received
        raw_attributes,
        raw_record,
        -- what a refresh compares to tell a changed record from an unchanged one
        {{ dbt.hash('raw_record') }} as content_hash
    from source
),

-- Only new and changed rows are normalised; the others keep the values the last run gave
-- them (see normalize_new_rows).
normalized as (
    {{ normalize_new_rows('renamed', {
        'first_name': normalize_person_name('first_name_raw'),
        'last_name': normalize_person_name('last_name_raw'),
        'first_name_key': name_match_key('first_name_raw'),
        'last_name_key': name_match_key('last_name_raw'),
        'email': normalize_email('email_raw'),
        'email_canonical': canonical_email('email_raw'),
        'phone_e164': normalize_phone_e164('phone_raw', 'country_code'),
        'street': normalize_street('street_raw'),
        'city': normalize_person_name('city_raw'),
        'postcode': normalize_postcode('postcode_raw', 'country_code'),
        'date_of_birth': parse_date('date_of_birth_raw', '%Y%m%d'),
        'national_id': normalize_national_id('national_id_raw')
    }) }}
),

flagged as (
    select
        'row ' || source_row_number as staged_row_id,
        *,
        {{ staging_quarantine_reason('legacy_id', 'source_updated_at') }} as quarantine_reason,
        {{ erasure_match(
            'erasure_registry', "source_system || ':' || source_record_id",
            emails=['email_canonical'], phones=['phone_e164']
        ) }} as is_erased
    from normalized
),

-- A record of an erased person keeps only its ids and times (the tombstone): its personal
-- data never lands in this table.
final as (
    {{ mask_erased_columns(
        'flagged', 'is_erased', [
            'first_name_raw',
            'last_name_raw',
            'email_raw',
            'phone_raw',
            'street_raw',
            'city_raw',
            'postcode_raw',
            'country_raw',
            'country_code',
            'date_of_birth_raw',
            'national_id_raw',
            'raw_attributes',
            'raw_record',
            'content_hash',
            'first_name',
            'last_name',
            'first_name_key',
            'last_name_key',
            'email',
            'email_canonical',
            'phone_e164',
            'street',
            'city',
            'postcode',
            'date_of_birth',
            'national_id'
        ]
    ) }}
)

select * from final
