{#- Keeps letters of every script (and their combining marks), drops everything else. -#}
{% macro remove_non_letters(expression) -%}
    {{ return(adapter.dispatch('remove_non_letters', 'customer_identity')(expression)) }}
{%- endmacro %}

{% macro default__remove_non_letters(expression) -%}
    {{ customer_identity.regexp_replace_all(expression, '[^[:alpha:]]', '') }}
{%- endmacro %}

{#- RE2 and Java know Unicode classes; marks are kept so that Indic vowel signs survive. -#}
{% macro duckdb__remove_non_letters(expression) -%}
    {{ customer_identity.regexp_replace_all(expression, '[^\\p{L}\\p{M}]', '') }}
{%- endmacro %}

{% macro spark__remove_non_letters(expression) -%}
    {{ customer_identity.regexp_replace_all(expression, '[^\\p{L}\\p{M}]', '') }}
{%- endmacro %}
