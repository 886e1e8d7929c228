{#- Government id for matching: upper-case letters and digits only (`123-45-6789` and
    `123456789` compare equal); null when empty or one character repeated (`000000000`). -#}
{% macro normalize_national_id(column) -%}
    {{ return(adapter.dispatch('normalize_national_id', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__normalize_national_id(column) -%}
    {%- set cleaned = 'upper(' ~ customer_identity.regexp_replace_all(column, '[^0-9A-Za-z]', '') ~ ')' -%}
    case
        when replace({{ cleaned }}, left({{ cleaned }}, 1), '') = '' then null
        else {{ cleaned }}
    end
{%- endmacro %}
