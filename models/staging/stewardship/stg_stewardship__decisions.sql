{{ config(post_hook="{{ append_rejected_lines('steward_decisions', 'stewardship') }}") }}

with

source as (
    {{ read_extract('stewardship', 'steward_decisions') }}
),

renamed as (
    select
        -- ids
        'stewardship' as source_system,
        'steward_decisions' as extract_name,
        source_row_number,

        -- the pair, as record keys of int_identity_records_unioned
        lower(left_source_system) || ':' || left_source_record_id as left_record_key,
        lower(right_source_system) || ':' || right_source_record_id as right_record_key,

        -- the decision
        lower(trim(decision)) as decision,
        decided_by,
        {{ parse_timestamp('decided_at') }} as decided_at,

        -- as received
        raw_attributes,
        raw_record
    from source
),

final as (
    select
        'row ' || source_row_number as staged_row_id,
        *,
        case
            when left_record_key is null or right_record_key is null
                then 'a decision needs both records (source system and record id on each side)'
            when left_record_key = right_record_key
                then 'a decision needs two different records'
            when decision is null or decision not in ('match', 'no_match')
                then 'decision must be match or no_match, not ''' || coalesce(decision, '') || ''''
        end as quarantine_reason
    from renamed
)

select * from final
