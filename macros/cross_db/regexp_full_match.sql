{#- True when the whole of `expression` matches `pattern` (plain text, not a SQL literal). -#}
{% macro regexp_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regexp_full_match', 'customer_identity')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regexp_full_match(expression, pattern) -%}
    regexp_like({{ expression }}, {{ customer_identity.regex_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{% macro duckdb__regexp_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, {{ customer_identity.regex_literal(pattern) }})
{%- endmacro %}

{% macro postgres__regexp_full_match(expression, pattern) -%}
    ({{ expression }} ~ {{ customer_identity.regex_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{% macro spark__regexp_full_match(expression, pattern) -%}
    ({{ expression }} rlike {{ customer_identity.regex_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}
