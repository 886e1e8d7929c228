-- One row per (record, identifier): the values deterministic edges and guards work on.
-- Birth dates are profiled too, to find placeholder dates (`1900-01-01`), and email local
-- parts of six or more characters, which follow a person across email providers.
with

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

unpivoted as (
    {%- for identifier_type, column in [
        ('email', 'email_canonical'),
        ('phone', 'phone_e164'),
        ('phone', 'mobile_phone_e164'),
        ('account_id', 'account_id'),
        ('national_id', 'national_id'),
        ('cookie_id', 'cookie_id'),
        ('ip_address', 'ip_address'),
        ('date_of_birth', 'cast(date_of_birth as ' ~ dbt.type_string() ~ ')'),
        ('email_local_part', "case when length(split_part(email_canonical, '@', 1)) >= 6 then split_part(email_canonical, '@', 1) end"),
    ] %}
    {% if not loop.first %}union all{% endif %}
    select
        record_key,
        is_profile,
        '{{ identifier_type }}' as identifier_type,
        {{ column }} as identifier_value,
        first_name_key,
        date_of_birth
    from records
    where
        {{ column }} is not null
        {%- if column == 'mobile_phone_e164' %}
        -- a record's mobile that is also its phone is one identifier, listed once: the only
        -- duplicate the branches can make, so no `distinct` over every row is needed
        and mobile_phone_e164 is distinct from phone_e164
        {%- endif %}
    {%- endfor %}
),

final as (
    select * from unpivoted
)

select * from final
