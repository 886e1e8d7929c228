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

{#- DuckDB has no initcap: upper-case each character that starts the text or follows a
    separator (a one-parameter lambda over the positions: sqlfluff cannot parse two). -#}
{% macro duckdb__normalize_person_name(column) -%}
    {%- set capitalised -%}
        array_to_string(
            list_transform(
                range(1, length(name__lowered) + 1),
                lambda name__position: case
                    when name__position = 1
                        or substr(name__lowered, name__position - 1, 1) in (' ', '-', '''', '’', '.', '(')
                        then upper(substr(name__lowered, name__position, 1))
                    else substr(name__lowered, name__position, 1)
                end
            ),
            ''
        )
    {%- endset -%}
    {{ customer_identity.bind_value(
        'name__lowered', 'lower(' ~ customer_identity.clean_text(column) ~ ')', capitalised
    ) }}
{%- endmacro %}
