-- Erasure requests, kept only as salted hashes of the normalised identifiers (they are
-- personal data too): they can match records but cannot be read back. Nothing else of the
-- file (no raw record) is kept.
with

source as (
    {{ read_extract('governance', 'erasure_requests') }}
),

renamed as (
    select
        -- ids
        request_id,
        {{ parse_timestamp('requested_at') }} as requested_at,

        -- what identifies the data subject, normalised like the records it must match
        {{ canonical_email('email') }} as email_canonical,
        {{ normalize_phone_e164('phone', 'null') }} as phone_e164,
        case
            when source_system is not null and source_record_id is not null
                then lower(source_system) || ':' || source_record_id
        end as record_key
    from source
),

final as (
    select
        {{ salted_hash('request_id') }} as request_hash,
        requested_at,
        {{ salted_hash('email_canonical') }} as email_hash,
        {{ salted_hash('phone_e164') }} as phone_hash,
        {{ salted_hash('record_key') }} as record_key_hash
    from renamed
)

select * from final
