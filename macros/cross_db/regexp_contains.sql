{#- True when `pattern` (plain text, RE2/Java syntax) matches anywhere in `expression`. -#}
{% macro regexp_contains(expression, pattern) -%}
    {{ return(adapter.dispatch('regexp_contains', 'customer_identity')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regexp_contains(expression, pattern) -%}
    regexp_like({{ expression }}, {{ customer_identity.regex_literal(pattern) }})
{%- endmacro %}

{% macro duckdb__regexp_contains(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ customer_identity.regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regexp_contains(expression, pattern) -%}
    ({{ expression }} rlike {{ customer_identity.regex_literal(pattern) }})
{%- endmacro %}
