{#- Replaces every match of `pattern` (plain text, not a SQL literal) in `expression`;
    `replacement` is plain text too and may use \1 for a captured group. -#}
{% macro regexp_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'customer_identity')(expression, pattern, replacement)) }}
{%- endmacro %}

{#- Spark, Snowflake, BigQuery, Redshift and Oracle replace every match by default. -#}
{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ customer_identity.regex_literal(pattern) }}, {{ customer_identity.regex_literal(replacement) }})
{%- endmacro %}

{% macro duckdb__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ customer_identity.regex_literal(pattern) }}, {{ customer_identity.regex_literal(replacement) }}, 'g')
{%- endmacro %}

{% macro postgres__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ customer_identity.regex_literal(pattern) }}, {{ customer_identity.regex_literal(replacement) }}, 'g')
{%- endmacro %}

{#- Java regular expressions write a group reference as $1. -#}
{% macro spark__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ customer_identity.regex_literal(pattern) }}, {{ customer_identity.regex_literal(replacement | replace("\\", "$")) }})
{%- endmacro %}
