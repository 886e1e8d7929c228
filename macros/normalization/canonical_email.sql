{#- Email as a matching key: normalize_email, then the `+tag` dropped from the local part and,
    for Gmail (gmail.com, googlemail.com), dots dropped and the domain written gmail.com.
    `John.Doe+news@GoogleMail.com` -> `johndoe@gmail.com`. Null when normalize_email is. -#}
{% macro canonical_email(column) -%}
    {{ return(adapter.dispatch('canonical_email', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__canonical_email(column) -%}
    {%- set local_part = customer_identity.regexp_replace_all(
        dbt.split_part('email__normalized', "'@'", 1), '\\+.*$', ''
    ) -%}
    {%- set domain = dbt.split_part('email__normalized', "'@'", 2) -%}
    {%- set canonical -%}
        case
            when {{ domain }} in ('gmail.com', 'googlemail.com')
                then nullif(replace({{ local_part }}, '.', ''), '') || '@gmail.com'
            else nullif({{ local_part }}, '') || '@' || {{ domain }}
        end
    {%- endset -%}
    {#- A local part that is all tag (`+x@example.com`) keeps its normalised form. -#}
    {{ customer_identity.bind_value(
        'email__normalized',
        customer_identity.normalize_email(column),
        'coalesce(' ~ canonical ~ ', email__normalized)'
    ) }}
{%- endmacro %}
