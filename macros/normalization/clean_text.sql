{#- Trims, collapses inner whitespace to one space and turns an empty string into null:
    the first step of every text normalisation (extracts are read all-varchar). -#}
{% macro clean_text(column) -%}
    {{ return(adapter.dispatch('clean_text', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__clean_text(column) -%}
    nullif(trim({{ customer_identity.regexp_replace_all(column, '\\s+', ' ') }}), '')
{%- endmacro %}
