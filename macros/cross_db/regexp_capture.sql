{#- The text captured by group `group` of the first match of `pattern` (plain text) in
    `expression`; null when nothing matches or the group is empty. -#}
{% macro regexp_capture(expression, pattern, group=1) -%}
    {{ return(adapter.dispatch('regexp_capture', 'customer_identity')(expression, pattern, group)) }}
{%- endmacro %}

{#- Snowflake and Redshift: the sixth argument picks the group ('e' extracts it). -#}
{% macro default__regexp_capture(expression, pattern, group=1) -%}
    nullif(regexp_substr({{ expression }}, {{ customer_identity.regex_literal(pattern) }}, 1, 1, 'e', {{ group }}), '')
{%- endmacro %}

{#- DuckDB and Spark return '' rather than null when nothing matches. -#}
{% macro duckdb__regexp_capture(expression, pattern, group=1) -%}
    nullif(regexp_extract({{ expression }}, {{ customer_identity.regex_literal(pattern) }}, {{ group }}), '')
{%- endmacro %}

{% macro spark__regexp_capture(expression, pattern, group=1) -%}
    nullif(regexp_extract({{ expression }}, {{ customer_identity.regex_literal(pattern) }}, {{ group }}), '')
{%- endmacro %}

{% macro postgres__regexp_capture(expression, pattern, group=1) -%}
    nullif((regexp_match({{ expression }}, {{ customer_identity.regex_literal(pattern) }}))[{{ group }}], '')
{%- endmacro %}
