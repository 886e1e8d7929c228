{#- A person's (or a city's) name for display: trimmed, inner whitespace collapsed, each word
    capitalised after a space, hyphen, apostrophe or period (`o'brien` -> `O'Brien`,
    `anne-marie` -> `Anne-Marie`, `mcdonald` -> `Mcdonald`); accents and non-Latin scripts kept.
    Null when empty. -#}
{% macro normalize_person_name(column) -%}
    {{ return(adapter.dispatch('normalize_person_name', 'customer_identity')(column)) }}
{%- endmacro %}

{#- initcap: Postgres, Snowflake, Redshift, Oracle and BigQuery also start a word after
    punctuation; Spark only after whitespace. -#}
{% macro default__normalize_person_name(column) -%}
    initcap(lower({{ customer_identity.clean_text(column) }}))
{%- endmacro %}

{#- DuckDB has no initcap, and Spark's starts words only after whitespace: upper-case each
    character that starts the text or follows a separator. -#}
{% macro duckdb__normalize_person_name(column) -%}
    {{ customer_identity.capitalise_name_words(column) }}
{%- endmacro %}

{% macro spark__normalize_person_name(column) -%}
    {{ customer_identity.capitalise_name_words(column) }}
{%- endmacro %}

{% macro capitalise_name_words(column) -%}
    {%- set character_at_position -%}
        case
            when name__position = 1
                or substr(name__lowered, name__position - 1, 1) in (' ', '-', '''', '’', '.', '(')
                then upper(substr(name__lowered, name__position, 1))
            else substr(name__lowered, name__position, 1)
        end
    {%- endset -%}
    {{ customer_identity.bind_value(
        'name__lowered',
        'lower(' ~ customer_identity.clean_text(column) ~ ')',
        customer_identity.concat_over_positions('name__lowered', 'name__position', character_at_position)
    ) }}
{%- endmacro %}
