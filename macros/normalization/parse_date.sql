{#- A date from text in a known layout, or null when the text is empty, does not fit the
    layout, is not a real date (`2023-02-30`) or lies outside 1900-2100. `format` is a
    strftime layout as plain text: '%Y-%m-%d', '%m/%d/%Y', '%Y%m%d'. -#}
{% macro parse_date(column, format) -%}
    {{ return(adapter.dispatch('parse_date', 'customer_identity')(column, format)) }}
{%- endmacro %}

{#- Portable: the layout becomes a regular expression, the captured parts an ISO date that is
    safe-cast (supported: %Y %m %d, other characters literal). -#}
{% macro default__parse_date(column, format) -%}
    {%- set layout = format | replace("'", "") -%}
    {%- set parsed = namespace(pattern='', groups={}, position=0, is_directive=false) -%}
    {%- for character in layout -%}
        {%- if parsed.is_directive -%}
            {%- set parsed.is_directive = false -%}
            {%- if character == '%' -%}
                {%- set parsed.pattern = parsed.pattern ~ '%' -%}
            {%- elif character in ('Y', 'm', 'd') -%}
                {%- set parsed.position = parsed.position + 1 -%}
                {%- do parsed.groups.update({character: parsed.position}) -%}
                {%- set parsed.pattern = parsed.pattern ~ ('([0-9]{4})' if character == 'Y' else '([0-9]{1,2})') -%}
            {%- else -%}
                {{ exceptions.raise_compiler_error("parse_date: %" ~ character ~ " is not supported by the portable version (use %Y, %m, %d)") }}
            {%- endif -%}
        {%- elif character == '%' -%}
            {%- set parsed.is_directive = true -%}
        {%- elif character in '\\.^$|?*+()[]{}' -%}
            {%- set parsed.pattern = parsed.pattern ~ '\\' ~ character -%}
        {%- else -%}
            {%- set parsed.pattern = parsed.pattern ~ character -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if parsed.groups | length != 3 -%}
        {{ exceptions.raise_compiler_error("parse_date: the format must contain %Y, %m and %d, got '" ~ layout ~ "'") }}
    {%- endif -%}
    {%- set pattern = '^\\s*' ~ parsed.pattern ~ '\\s*$' -%}
    {%- set year = customer_identity.regexp_capture('date__text', pattern, parsed.groups['Y']) -%}
    {%- set month = customer_identity.regexp_capture('date__text', pattern, parsed.groups['m']) -%}
    {%- set day = customer_identity.regexp_capture('date__text', pattern, parsed.groups['d']) -%}
    {%- set iso_date = year ~ " || '-' || lpad(" ~ month ~ ", 2, '0') || '-' || lpad(" ~ day ~ ", 2, '0')" -%}
    {%- set checked -%}
        case
            when cast({{ year }} as integer) between 1900 and 2100
                then {{ dbt.safe_cast(iso_date, api.Column.translate_type('date')) }}
        end
    {%- endset -%}
    {{ customer_identity.bind_value('date__text', column, checked) }}
{%- endmacro %}

{% macro duckdb__parse_date(column, format) -%}
    {%- set layout = format if format.startswith("'") else customer_identity.sql_string(format) -%}
    {{ customer_identity.bind_value(
        'date__parsed',
        'cast(try_strptime(' ~ customer_identity.clean_text(column) ~ ', ' ~ layout ~ ') as date)',
        'case when year(date__parsed) between 1900 and 2100 then date__parsed end'
    ) }}
{%- endmacro %}
