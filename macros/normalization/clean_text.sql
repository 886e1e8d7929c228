{#- Trims, collapses inner whitespace to one space and turns an empty string into null:
    the first step of every text normalisation (extracts are read all-varchar). Unicode
    spaces (no-break, thin, ideographic) count as whitespace and zero-width characters are
    dropped: copied from web forms and spreadsheets, they are invisible to whoever fixes the
    data. -#}
{% macro clean_text(column) -%}
    {{ return(adapter.dispatch('clean_text', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__clean_text(column) -%}
    {%- set visible = customer_identity.regexp_replace_all(column, '[\u200b\u200c\u200d\u2060\ufeff]', '') -%}
    nullif(trim({{ customer_identity.regexp_replace_all(
        visible, '[\\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+', ' '
    ) }}), '')
{%- endmacro %}
