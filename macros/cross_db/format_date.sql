{#- A date as text in a strftime layout given as plain text (%Y, %m, %d and literal
    characters), e.g. '%Y%m%d' -> `19900203`. -#}
{% macro format_date(column, format) -%}
    {{ return(adapter.dispatch('format_date', 'customer_identity')(column, format)) }}
{%- endmacro %}

{% macro default__format_date(column, format) -%}
    strftime({{ column }}, {{ customer_identity.sql_string(format) }})
{%- endmacro %}

{#- Java date patterns: letters are directives, so the literal parts are quoted. -#}
{% macro spark__format_date(column, format) -%}
    {%- set pattern = namespace(text='') -%}
    {%- for part in modules.re.split('(%[Ymd])', format) if part -%}
        {%- set pattern.text = pattern.text ~ {'%Y': 'yyyy', '%m': 'MM', '%d': 'dd'}.get(part, "''" ~ part ~ "''") -%}
    {%- endfor -%}
    date_format({{ column }}, '{{ pattern.text }}')
{%- endmacro %}
