{#- Jaro-Winkler similarity of two strings, between 0 and 1; null when either is null. -#}
{% macro jaro_winkler_similarity(left_text, right_text) -%}
    {{ return(adapter.dispatch('jaro_winkler_similarity', 'customer_identity')(left_text, right_text)) }}
{%- endmacro %}

{% macro default__jaro_winkler_similarity(left_text, right_text) -%}
    jaro_winkler_similarity({{ left_text }}, {{ right_text }})
{%- endmacro %}

{#- The project's Spark function (customer_identity/spark/udfs.py, registered by the session
    under Splink's name), which gives DuckDB's values; null when either input is null, as
    on DuckDB, also where Splink's own function (0 for a null) is registered instead. -#}
{% macro spark__jaro_winkler_similarity(left_text, right_text) -%}
    case
        when {{ left_text }} is not null and {{ right_text }} is not null
            then jaro_winkler({{ left_text }}, {{ right_text }})
    end
{%- endmacro %}
