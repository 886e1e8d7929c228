{#- One select per golden attribute of `attributes` (see survivorship_attributes), unioned:
    each record of `relation` offers the value of the attribute's source column as text.
    Records without a value (null or empty) offer nothing, so an empty value never wins. -#}
{% macro unpivot_attribute_candidates(relation, attributes) -%}
    {{ return(adapter.dispatch('unpivot_attribute_candidates', 'customer_identity')(relation, attributes)) }}
{%- endmacro %}

{% macro default__unpivot_attribute_candidates(relation, attributes) -%}
    {%- if attributes | length == 0 %}
    select
        customer_id,
        cast(null as {{ dbt.type_string() }}) as attribute,
        cast(null as {{ dbt.type_string() }}) as value,
        source_system,
        source_record_id,
        record_key,
        source_updated_at,
        trust_rank
    from {{ relation }}
    where false
    {%- endif %}
    {%- for rule in attributes %}
    {% if not loop.first %}union all{% endif %}
    select
        customer_id,
        '{{ rule.attribute }}' as attribute,
        nullif(trim(cast({{ rule.source_column }} as {{ dbt.type_string() }})), '') as value,
        source_system,
        source_record_id,
        record_key,
        source_updated_at,
        trust_rank
    from {{ relation }}
    where nullif(trim(cast({{ rule.source_column }} as {{ dbt.type_string() }})), '') is not null
    {%- endfor %}
{%- endmacro %}
