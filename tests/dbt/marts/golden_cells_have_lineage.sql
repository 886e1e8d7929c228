-- Every non-null golden_customer cell has exactly the value its golden_customer_lineage row
-- records. Fails with one row per cell without provenance.
{%- set attributes = survivorship_attributes() %}
with

golden as (
    select * from {{ ref('golden_customer') }}
),

lineage as (
    select * from {{ ref('golden_customer_lineage') }}
),

golden_cells as (
    {%- if attributes | length == 0 %}
    select
        customer_id,
        cast(null as {{ dbt.type_string() }}) as attribute,
        cast(null as {{ dbt.type_string() }}) as value
    from golden
    where false
    {%- endif %}
    {%- for rule in attributes %}
    {% if not loop.first %}union all{% endif %}
    select
        customer_id,
        '{{ rule.attribute }}' as attribute,
        cast({{ rule.attribute }} as {{ dbt.type_string() }}) as value
    from golden
    where {{ rule.attribute }} is not null
    {%- endfor %}
),

final as (
    select golden_cells.*
    from golden_cells
    left join lineage
        on
            golden_cells.customer_id = lineage.customer_id
            and golden_cells.attribute = lineage.attribute
            and golden_cells.value = lineage.value
    where lineage.customer_id is null
)

select * from final
