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

-- People are counted on profile records where the value has any: conversation display
-- names (caller-id `LAST FIRST`, `Private`) are too noisy to count people by.
-- A record holds a value once (the unpivoted model's key is record, type and value), so
-- records are counted with count(*): each distinct count is one more hash table.
profiled as (
    select
        identifier_type,
        identifier_value,
        count(*) as record_count,
        count(case when is_profile then 1 end) as profile_record_count,
        case
            when count(case when is_profile then 1 end) > 0
                then count(distinct case when is_profile then first_name_key end)
            else count(distinct first_name_key)
        end as distinct_first_name_count,
        count(distinct date_of_birth) as distinct_birth_date_count
    from identifiers
    group by identifier_type, identifier_value
),

birth_date_baseline as (
    select avg(distinct_first_name_count) as average_people_per_date
    from profiled
    where identifier_type = 'date_of_birth'
),

-- One equi-join per match rule: a join on an `or` of the three compares every value with
-- every junk entry.
junk_value_matches as (
    {%- for match_rule, compared in [
        ('exact', 'profiled.identifier_value'),
        ('local_part', "split_part(profiled.identifier_value, '@', 1)"),
        ('domain', "split_part(profiled.identifier_value, '@', 2)"),
    ] %}
    {% if not loop.first %}union all{% endif %}
    select
        profiled.identifier_type,
        profiled.identifier_value,
        junk_identifiers.reason
    from profiled
    inner join junk_identifiers
        on
            profiled.identifier_type = junk_identifiers.identifier_type
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
        profiled.*,
        junk_matches.junk_reason,
        case
            when profiled.identifier_type = 'date_of_birth'
                then profiled.distinct_first_name_count > greatest(
                    {{ var('shared_identifier_max_people') }},
                    {{ var('placeholder_birth_date_factor') }} * birth_date_baseline.average_people_per_date
                )
            else (
                profiled.distinct_first_name_count > {{ var('shared_identifier_max_people') }}
                or profiled.distinct_birth_date_count > {{ var('shared_identifier_max_people') }}
            )
        end as is_shared
    from profiled
    cross join birth_date_baseline
    left join junk_matches
        on
            profiled.identifier_type = junk_matches.identifier_type
            and profiled.identifier_value = junk_matches.identifier_value
),

final as (
    select
        *,
        junk_reason is not null as is_junk,
        junk_reason is null and not is_shared as is_usable
    from sharing
)

select * from final
