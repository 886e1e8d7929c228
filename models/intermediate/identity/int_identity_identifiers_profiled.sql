-- Each identifier value with what the data says about it: junk (seed list) or shared by
-- more people than one person plausibly is (var shared_identifier_max_people). Only usable
-- values link records deterministically or feed the linkage model.
with

identifiers as (
    select * from {{ ref('int_identity_identifiers_unpivoted') }}
),

junk_identifiers as (
    select * from {{ ref('junk_identifiers') }}
),

profiled as (
    select
        identifier_type,
        identifier_value,
        count(distinct record_key) as record_count,
        count(distinct case when is_profile then record_key end) as profile_record_count,
        count(distinct first_name_key) as distinct_first_name_count,
        count(distinct date_of_birth) as distinct_birth_date_count
    from identifiers
    group by identifier_type, identifier_value
),

junk_matches as (
    select
        profiled.identifier_type,
        profiled.identifier_value,
        min(junk_identifiers.reason) as junk_reason
    from profiled
    inner join junk_identifiers
        on
            profiled.identifier_type = junk_identifiers.identifier_type
            and (
                (
                    junk_identifiers.match_rule = 'exact'
                    and profiled.identifier_value = junk_identifiers.value
                )
                or (
                    junk_identifiers.match_rule = 'local_part'
                    and split_part(profiled.identifier_value, '@', 1) = junk_identifiers.value
                )
                or (
                    junk_identifiers.match_rule = 'domain'
                    and split_part(profiled.identifier_value, '@', 2) = junk_identifiers.value
                )
            )
    group by profiled.identifier_type, profiled.identifier_value
),

final as (
    select
        profiled.*,
        junk_matches.junk_reason,
        junk_matches.junk_reason is not null as is_junk,
        (
            profiled.distinct_first_name_count > {{ var('shared_identifier_max_people') }}
            or profiled.distinct_birth_date_count > {{ var('shared_identifier_max_people') }}
        ) as is_shared,
        (
            junk_matches.junk_reason is null
            and profiled.distinct_first_name_count <= {{ var('shared_identifier_max_people') }}
            and profiled.distinct_birth_date_count <= {{ var('shared_identifier_max_people') }}
        ) as is_usable
    from profiled
    left join junk_matches
        on
            profiled.identifier_type = junk_matches.identifier_type
            and profiled.identifier_value = junk_matches.identifier_value
)

select * from final
