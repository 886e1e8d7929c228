{#- A value looked up by the country calling code a number (digits, no +) starts with, as a
    CASE expression: `value_by_calling_code` is {calling code: value}. Calling codes are
    prefix-free, so at most one branch matches. Null for an unknown code. -#}
{% macro calling_code_lookup(number, value_by_calling_code) -%}
    {%- set groups = {} -%}
    {%- for calling_code, value in value_by_calling_code.items() -%}
        {%- do groups.setdefault((calling_code | length, value), []).append(calling_code) -%}
    {%- endfor -%}
    {%- if groups | length == 0 -%}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- endif -%}
    case
    {%- for digits, value in groups | sort %}
        when substr({{ number }}, 1, {{ digits }}) in (
            {%- for calling_code in groups[(digits, value)] | sort -%}
                {{ customer_identity.sql_string(calling_code) }}{{ ", " if not loop.last }}
            {%- endfor -%}
        ) then {{ customer_identity.sql_string(value) }}
    {%- endfor %}
    end
{%- endmacro %}
