{{ config(post_hook="{{ append_rejected_lines('interactions', 'interactions') }}") }}

with

source as (
    {{ read_extract('interactions', 'interactions') }}
),

erasure_registry as (
    {{ erasure_registry_entries() }}
),

renamed as (
    select
        -- ids
        'interactions' as source_system,
        'interactions' as extract_name,
        conversation_id as source_record_id,
        source_row_number,

        -- conversation
        lower(channel) as channel,
        {{ parse_timestamp('started_at') }} as started_at,

        -- contact points: the ANI carries no country, so the default country applies
        ani as ani_raw,
        email_address as email_raw,
        display_name as display_name_raw,
        {{ split_full_name('display_name', 'first') }} as first_name_raw,
        {{ split_full_name('display_name', 'last') }} as last_name_raw,

        -- web session
        cookie_id,
        ip_address,

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
        'phone_e164': normalize_phone_e164('ani_raw', 'null')
    }) }}
),

flagged as (
    select
        'row ' || source_row_number as staged_row_id,
        *,
        {{ staging_quarantine_reason('conversation_id', 'started_at') }} as quarantine_reason,
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
            'ani_raw',
            'email_raw',
            'display_name_raw',
            'first_name_raw',
            'last_name_raw',
            'cookie_id',
            'ip_address',
            'raw_attributes',
            'raw_record',
            'content_hash',
            'first_name',
            'last_name',
            'first_name_key',
            'last_name_key',
            'email',
            'email_canonical',
            'phone_e164'
        ]
    ) }}
)

select * from final
