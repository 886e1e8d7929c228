-- Profile records as the linkage model reads them: matching keys only, with junk and
-- shared identifier values (and placeholder birth dates) blanked so they carry no evidence.
with

records as (
    select * from {{ ref('int_identity_records_unioned') }}
    where is_profile
),

identifier_profiles as (
    select * from {{ ref('int_identity_identifiers_profiled') }}
),

usable_values as (
    select
        records.record_key,
        case when email_profile.is_usable then records.email_canonical end as email_canonical,
        case when phone_profile.is_usable then records.phone_e164 end as phone_e164,
        case when mobile_profile.is_usable then records.mobile_phone_e164 end as mobile_phone_e164,
        case when national_id_profile.is_usable then records.national_id end as national_id,
        case when birth_date_profile.is_usable then records.date_of_birth end as date_of_birth
    from records
    left join identifier_profiles as email_profile
        on
            email_profile.identifier_type = 'email'
            and records.email_canonical = email_profile.identifier_value
    left join identifier_profiles as phone_profile
        on
            phone_profile.identifier_type = 'phone'
            and records.phone_e164 = phone_profile.identifier_value
    left join identifier_profiles as mobile_profile
        on
            mobile_profile.identifier_type = 'phone'
            and records.mobile_phone_e164 = mobile_profile.identifier_value
    left join identifier_profiles as national_id_profile
        on
            national_id_profile.identifier_type = 'national_id'
            and records.national_id = national_id_profile.identifier_value
    left join identifier_profiles as birth_date_profile
        on
            birth_date_profile.identifier_type = 'date_of_birth'
            and cast(records.date_of_birth as {{ dbt.type_string() }}) = birth_date_profile.identifier_value
),

linkage_values as (
    select
        records.record_key,
        records.first_name_key,
        records.first_name_variants,
        records.last_name_key,
        usable_values.email_canonical,
        {{ array_of(['usable_values.phone_e164', 'usable_values.mobile_phone_e164'], drop_nulls=true) }}
            as phone_numbers,
        usable_values.date_of_birth,
        records.postcode,
        records.street_key,
        records.city_key,
        usable_values.national_id
    from records
    inner join usable_values on records.record_key = usable_values.record_key
),

-- What a refresh compares to score only the records whose linkage values changed.
final as (
    select
        *,
        {{ row_fingerprint([
            'first_name_key', 'first_name_variants', 'last_name_key', 'email_canonical',
            'phone_numbers', 'date_of_birth', 'postcode', 'street_key', 'city_key',
            'national_id'
        ]) }} as linkage_hash
    from linkage_values
)

select * from final
