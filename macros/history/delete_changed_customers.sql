{#- Pre-hook of the incremental marts keyed by customer (golden_customer and its lineage):
    before the model appends the rows of the customers this run changed, remove every row
    those customers had, including customers retired or merged away and cells that no
    longer have a value (an erased customer's). Nothing to do on a first or full build. -#}
{% macro delete_changed_customers() -%}
    {%- set existing = adapter.get_relation(
        database=this.database, schema=this.schema, identifier=this.identifier
    ) if execute else none -%}
    {%- if existing is not none and not flags.FULL_REFRESH -%}
    delete from {{ this }}
    where customer_id in (
        select customer_id from {{ ref('int_customers_changed') }}
    )
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
