{#- A date from text in a known layout, or null when the text is empty, does not fit the
    layout, is not a real date (`2023-02-30`) or lies outside 1900-2100. `format` is a
    strftime layout as plain text: '%Y-%m-%d', '%m/%d/%Y', '%Y%m%d'. Month and day may have
    one digit where a separator follows (`2/3/1990`), not in a layout without separators
    (`%Y%m%d` takes exactly 8 digits). -#}
{% macro parse_date(column, format) -%}
    {{ return(adapter.dispatch('parse_date', 'customer_identity')(column, format)) }}
{%- endmacro %}

{#- Portable: the layout becomes a regular expression, the captured parts an ISO date that is
    cast with try_cast (supported: %Y %m %d, other characters literal). -#}
{% macro default__parse_date(column, format) -%}
    {%- set layout = format | replace("'", "") -%}
    {%- set fixed_width = modules.re.search('%[A-Za-z]%[A-Za-z]', layout) is not none -%}
    {%- set parsed = namespace(pattern='', groups={}, position=0, is_directive=false) -%}
    {%- for character in layout -%}
        {%- if parsed.is_directive -%}
            {%- set parsed.is_directive = false -%}
            {%- if character == '%' -%}
                {%- set parsed.pattern = parsed.pattern ~ '%' -%}
            {%- elif character in ('Y', 'm', 'd') -%}
                {%- set parsed.position = parsed.position + 1 -%}
                {%- do parsed.groups.update({character: parsed.position}) -%}
                {%- set parsed.pattern = parsed.pattern ~ (
                    '([0-9]{4})' if character == 'Y' else ('([0-9]{2})' if fixed_width else '([0-9]{1,2})')
                ) -%}
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
                then {{ customer_identity.try_cast(iso_date, api.Column.translate_type('date')) }}
        end
    {%- endset -%}
    {{ customer_identity.bind_value('date__text', column, checked) }}
{%- endmacro %}

{#- DuckDB's try_strptime reads every strftime directive but lets %m and %d take one digit
    even between other directives: a layout without separators also checks the length. -#}
{% macro duckdb__parse_date(column, format) -%}
    {%- set layout = format | replace("'", "") -%}
    {%- set parsed = 'cast(try_strptime(date__text, ' ~ customer_identity.sql_string(layout) ~ ') as date)' -%}
    {%- if modules.re.search('%[A-Za-z]%[A-Za-z]', layout) -%}
        {%- set width = modules.re.sub('%[A-Za-z]', '..', layout | replace('%Y', 'YYYY')) | length -%}
        {%- set parsed = 'case when length(date__text) = ' ~ width ~ ' then ' ~ parsed ~ ' end' -%}
    {%- endif -%}
    {{ customer_identity.bind_value(
        'date__text',
        customer_identity.clean_text(column),
        customer_identity.bind_value(
            'date__parsed', parsed, 'case when year(date__parsed) between 1900 and 2100 then date__parsed end'
        )
    ) }}
{%- endmacro %}
