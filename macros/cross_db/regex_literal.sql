{#- A regular expression as a SQL string literal. Patterns are written once, as plain text
    (RE2/Java syntax); dialects that treat backslash as an escape in literals get it doubled. -#}
{% macro regex_literal(pattern) -%}
    {{ return(adapter.dispatch('regex_literal', 'customer_identity')(pattern)) }}
{%- endmacro %}

{% macro default__regex_literal(pattern) -%}
    '{{ pattern | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__regex_literal(pattern) -%}
    '{{ pattern | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{% macro snowflake__regex_literal(pattern) -%}
    '{{ pattern | replace("\\", "\\\\") | replace("'", "''") }}'
{%- endmacro %}

{% macro bigquery__regex_literal(pattern) -%}
    r'{{ pattern | replace("'", "\\'") }}'
{%- endmacro %}
