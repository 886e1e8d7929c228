-- Each identifier value with what the data says about it: junk (seed list) or shared by
-- more people than one person plausibly is (var shared_identifier_max_people). Only usable
-- values link records deterministically or feed the linkage model. Birth dates are shared
-- by nature, so a date is a placeholder only when it has many times the people an average
-- date has (var placeholder_birth_date_factor), whatever the size of the data set.
with

identifiers as (
    select * from {{ ref('int_identity_identifiers_unpivoted') }}
),

junk_identifiers as (
    select * from {{ ref('junk_identifiers') }}
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

-- A value no profile holds (a number only ever seen calling) counts its people from what
-- conversations show, which repeats one person many ways: `Pam`, `Pamela`, caller-id
-- `SMITH PAMELA` (surname first), `WIRELESS CALLER`. So it counts first names that some
-- profile holds as a first name (any name at all where no profile exists), a nickname as
-- its formal name.
profile_first_names as (
    select distinct first_name_key from records
    where is_profile and first_name_key is not null
),

has_profiles as (
    select count(*) > 0 as has_profiles from profile_first_names
),

nickname_roots as (
    select
        nickname,
        min(formal_name) as formal_name
    from nicknames
    group by nickname
),

conversation_first_names as (
    select
        identifiers.identifier_type,
        identifiers.identifier_value,
        count(distinct coalesce(nickname_roots.formal_name, identifiers.first_name_key))
            as distinct_first_name_count
    from identifiers
    cross join has_profiles
    left join profile_first_names
        on identifiers.first_name_key = profile_first_names.first_name_key
    left join nickname_roots on identifiers.first_name_key = nickname_roots.nickname
    where
        not identifiers.is_profile
        and (profile_first_names.first_name_key is not null or not has_profiles.has_profiles)
    group by identifiers.identifier_type, identifiers.identifier_value
),

-- People are counted on profile records where the value has any, else as above.
-- A record holds a value once (the unpivoted model's key is record, type and value), so
-- records are counted with count(*): each distinct count is one more hash table.
profiled as (
    select
        identifier_type,
        identifier_value,
        count(*) as record_count,
        count(case when is_profile then 1 end) as profile_record_count,
        count(distinct case when is_profile then first_name_key end) as profile_first_name_count,
        count(distinct date_of_birth) as distinct_birth_date_count
    from identifiers
    group by identifier_type, identifier_value
),

counted as (
    select
        profiled.identifier_type,
        profiled.identifier_value,
        profiled.record_count,
        profiled.profile_record_count,
        case
            when profiled.profile_record_count > 0 then profiled.profile_first_name_count
            else coalesce(conversation_first_names.distinct_first_name_count, 0)
        end as distinct_first_name_count,
        profiled.distinct_birth_date_count
    from profiled
    left join conversation_first_names
        on
            profiled.identifier_type = conversation_first_names.identifier_type
            and profiled.identifier_value = conversation_first_names.identifier_value
),

birth_date_baseline as (
    select avg(distinct_first_name_count) as average_people_per_date
    from counted
    where identifier_type = 'date_of_birth'
),

-- One equi-join per match rule: a join on an `or` of the three compares every value with
-- every junk entry.
junk_value_matches as (
    {%- for match_rule, compared in [
        ('exact', 'counted.identifier_value'),
        ('local_part', "split_part(counted.identifier_value, '@', 1)"),
        ('domain', "split_part(counted.identifier_value, '@', 2)"),
    ] %}
    {% if not loop.first %}union all{% endif %}
    select
        counted.identifier_type,
        counted.identifier_value,
        junk_identifiers.reason
    from counted
    inner join junk_identifiers
        on
            counted.identifier_type = junk_identifiers.identifier_type
            and {{ compared }} = junk_identifiers.value
    where junk_identifiers.match_rule = '{{ match_rule }}'
    {%- endfor %}
),

junk_matches as (
    select
        identifier_type,
        identifier_value,
        min(reason) as junk_reason
    from junk_value_matches
    group by identifier_type, identifier_value
),

sharing as (
    select
        counted.*,
        junk_matches.junk_reason,
        case
            when counted.identifier_type = 'date_of_birth'
                then counted.distinct_first_name_count > greatest(
                    {{ var('shared_identifier_max_people') }},
                    {{ var('placeholder_birth_date_factor') }} * birth_date_baseline.average_people_per_date
                )
            else (
                counted.distinct_first_name_count > {{ var('shared_identifier_max_people') }}
                or counted.distinct_birth_date_count > {{ var('shared_identifier_max_people') }}
            )
        end as is_shared
    from counted
    cross join birth_date_baseline
    left join junk_matches
        on
            counted.identifier_type = junk_matches.identifier_type
            and counted.identifier_value = junk_matches.identifier_value
),

final as (
    select
        *,
        junk_reason is not null as is_junk,
        junk_reason is null and not is_shared as is_usable
    from sharing
)

select * from final
