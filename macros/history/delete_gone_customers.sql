{#- Post-hook of the incremental marts keyed by customer: remove the rows of customers this
    run retired or merged away (int_customers_changed, is_current false). Rows of changed
    customers that still exist are replaced by the incremental merge itself. -#}
{% macro delete_gone_customers() -%}
    delete from {{ this }}
    where customer_id in (
        select customer_id from {{ ref('int_customers_changed') }}
        where not is_current
    )
{%- endmacro %}
