{#- The select-list that turns the long survived values (attribute, value) back into one
    typed column per golden attribute; use with `group by customer_id`. -#}
{% macro pivot_survived_attributes(attributes) -%}
    {{ return(adapter.dispatch('pivot_survived_attributes', 'customer_identity')(attributes)) }}
{%- endmacro %}

{% macro default__pivot_survived_attributes(attributes) -%}
    {%- for rule in attributes %}
    cast(max(case when attribute = '{{ rule.attribute }}' then value end) as {{ rule.data_type }})
        as {{ rule.attribute }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
