{#- The country an address or phone number belongs to: `country_column` (a SQL expression
    holding an alpha-2 code) trimmed and upper-cased, or var('default_country') when it is
    empty, null or not given. -#}
{% macro country_or_default(country_column=none) -%}
    {%- set default_country = customer_identity.sql_string(var('default_country', 'US') | upper) -%}
    {%- if country_column is none or country_column | trim | lower == 'null' -%}
        {{ return(default_country) }}
    {%- endif -%}
    {{ return('coalesce(upper(nullif(trim(' ~ country_column ~ "), '')), " ~ default_country ~ ')') }}
{%- endmacro %}
