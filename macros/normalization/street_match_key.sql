{#- Street line for matching: lower case, accents and punctuation removed, common street
    type words abbreviated (street → st, avenue → ave, …) so `12 Main Street` and
    `12 main st.` compare equal. -#}
{% macro street_match_key(column) -%}
    {{ return(adapter.dispatch('street_match_key', 'customer_identity')(column)) }}
{%- endmacro %}

{% macro default__street_match_key(column) -%}
    {%- set abbreviations = [
        ('street', 'st'), ('avenue', 'ave'), ('road', 'rd'), ('drive', 'dr'),
        ('lane', 'ln'), ('boulevard', 'blvd'), ('court', 'ct'), ('place', 'pl'),
        ('terrace', 'ter'), ('apartment', 'apt'), ('suite', 'ste'), ('north', 'n'),
        ('south', 's'), ('east', 'e'), ('west', 'w'),
    ] -%}
    {%- set expression = customer_identity.regexp_replace_all(
        'lower(' ~ customer_identity.strip_accents(column) ~ ')', '[^a-z0-9 ]', ' '
    ) -%}
    {%- for long, short in abbreviations -%}
        {%- set expression = customer_identity.regexp_replace_all(expression, '\\b' ~ long ~ '\\b', short) -%}
    {%- endfor -%}
    {{ customer_identity.clean_text(expression) }}
{%- endmacro %}
