{#- Jaro-Winkler similarity of two strings, between 0 and 1; null when either is null. -#}
{% macro jaro_winkler_similarity(left_text, right_text) -%}
    {{ return(adapter.dispatch('jaro_winkler_similarity', 'customer_identity')(left_text, right_text)) }}
{%- endmacro %}

{% macro default__jaro_winkler_similarity(left_text, right_text) -%}
    jaro_winkler_similarity({{ left_text }}, {{ right_text }})
{%- endmacro %}

{#- Splink's Spark UDF (registered from the jar Splink ships, see customer_identity.spark)
    gives 0 for a null input: null it as DuckDB does. -#}
{% macro spark__jaro_winkler_similarity(left_text, right_text) -%}
    case
        when {{ left_text }} is not null and {{ right_text }} is not null
            then jaro_winkler({{ left_text }}, {{ right_text }})
    end
{%- endmacro %}
