{#- Pre-hook of the incremental marts keyed by customer (golden_customer and its lineage):
    before the model appends the rows of the customers this run changed, remove every row
    those customers had, including customers retired or merged away and cells that no
    longer have a value (an erased customer's). Nothing to do on a first or full build. -#}
{% macro delete_changed_customers() -%}
    {%- set existing = adapter.get_relation(
        database=this.database, schema=this.schema, identifier=this.identifier
    ) if execute else none -%}
    {%- if existing is not none and not flags.FULL_REFRESH -%}
    {{ adapter.dispatch('delete_changed_customers', 'customer_identity')() }}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{% macro default__delete_changed_customers() -%}
    delete from {{ this }}
    where customer_id in (
        select customer_id from {{ ref('int_customers_changed') }}
    )
{%- endmacro %}

{#- Parquet tables cannot delete rows: the table is rewritten without those customers. -#}
{% macro spark__delete_changed_customers() -%}
    {%- set kept_rows -%}
        select kept.*
        from {{ this }} as kept
        left anti join {{ ref('int_customers_changed') }} as changed
            on kept.customer_id = changed.customer_id
    {%- endset -%}
    {{ customer_identity.spark_rewrite_table(this, kept_rows) }}
{%- endmacro %}
