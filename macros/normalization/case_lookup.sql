{#- A constant lookup as a CASE expression: `mapping` is {result: [key, ...]}. Used to inline
    reference seeds into normalisation expressions (a macro cannot join). `expression` is
    repeated once per result, so pass a bound name (see `bind_value`), not a long expression.
    An empty mapping (at parse time, before the seed is read) gives a typed null. -#}
{% macro case_lookup(expression, mapping) -%}
    {%- if mapping | length == 0 -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
        case
        {%- for result in mapping | sort %}
            when {{ expression }} in (
                {%- for key in mapping[result] | unique | sort -%}
                    {{ customer_identity.sql_string(key) }}{{ ", " if not loop.last }}
                {%- endfor -%}
            ) then {{ customer_identity.sql_string(result) }}
        {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}
