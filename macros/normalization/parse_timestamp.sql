{#- A UTC timestamp from ISO 8601 text: `2024-05-01T10:20:30Z`, with or without `Z`, with
    fractional seconds (after `.` or ISO 8601's other decimal sign, `,`), with an offset
    (`+02:00`, `-0530`, converted to UTC), or a plain date (midnight). Text without an offset
    is read as UTC. Null when empty or not a timestamp. -#}
{% macro parse_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'customer_identity')(column)) }}
{%- endmacro %}

{#- The cleaned text in upper case, a decimal comma before the fraction of the seconds made a
    point (`10:20:30,5` is `10:20:30.5`): what every version below starts from. -#}
{% macro timestamp_text(column) -%}
    {{ customer_identity.regexp_replace_all(
        'upper(' ~ customer_identity.clean_text(column) ~ ')', '(:[0-9]{2}),([0-9])', '\\1.\\2'
    ) }}
{%- endmacro %}

{#- Portable: the `T` and a trailing `Z` dropped, then a safe cast; offsets other than Z are
    left to the warehouse's own timestamp parsing. -#}
{% macro default__parse_timestamp(column) -%}
    {%- set text = customer_identity.regexp_replace_all(
        customer_identity.timestamp_text(column), '^([0-9-]+)T|Z$', '\\1 '
    ) -%}
    {{ customer_identity.try_cast('trim(' ~ text ~ ')', api.Column.translate_type('timestamp')) }}
{%- endmacro %}

{#- DuckDB reads an offset only as timestamptz, and reads text without one in the session's
    time zone: so text without an offset gets +00:00 and the result is converted to UTC. -#}
{% macro duckdb__parse_timestamp(column) -%}
    {%- set text = customer_identity.regexp_replace_all(
        customer_identity.timestamp_text(column), '\\s+(Z|[+-][0-9:]+)$', '\\1'
    ) -%}
    {%- set parsed -%}
        case
            when {{ customer_identity.regexp_full_match('timestamp__text', '[0-9]{4}-[0-9]{2}-[0-9]{2}') }}
                then cast(try_cast(timestamp__text as date) as timestamp)
            when regexp_matches(timestamp__text, ':[0-9]{2}(\.[0-9]*)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
                then timezone('UTC', try_cast(timestamp__text as timestamptz))
            else timezone('UTC', try_cast(timestamp__text || '+00:00' as timestamptz))
        end
    {%- endset -%}
    {{ customer_identity.bind_value('timestamp__text', text, parsed) }}
{%- endmacro %}

{#- Spark's cast reads ISO 8601 with `T`, `Z`, offsets and plain dates; text without an offset
    is read in the session time zone, which the spark target sets to UTC. -#}
{% macro spark__parse_timestamp(column) -%}
    {%- set text = customer_identity.regexp_replace_all(
        customer_identity.timestamp_text(column), '\\s+(Z|[+-][0-9:]+)$', '\\1'
    ) -%}
    try_cast({{ text }} as timestamp)
{%- endmacro %}
