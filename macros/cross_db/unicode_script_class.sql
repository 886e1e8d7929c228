{#- A regular-expression character class of the Unicode scripts named in `scripts`
    (`Latin`, `Greek`, ...), or of every other character with negate=true. -#}
{% macro unicode_script_class(scripts, negate=false) -%}
    {{ return(adapter.dispatch('unicode_script_class', 'customer_identity')(scripts, negate)) }}
{%- endmacro %}

{#- RE2 (DuckDB, BigQuery) names scripts bare: \p{Latin}. -#}
{% macro default__unicode_script_class(scripts, negate=false) -%}
    [{{ '^' if negate }}{% for script in scripts %}\p{{ '{' ~ script ~ '}' }}{% endfor %}]
{%- endmacro %}

{#- Java prefixes a script with Is: \p{IsLatin}. -#}
{% macro spark__unicode_script_class(scripts, negate=false) -%}
    [{{ '^' if negate }}{% for script in scripts %}\p{{ '{Is' ~ script ~ '}' }}{% endfor %}]
{%- endmacro %}
