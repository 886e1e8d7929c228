{#- The window ordering that ranks the candidate values of one (customer, attribute) cell:
    stale values last (trust decay); then the cell's strategy (`keep_existing`: the value
    published last run, `most_recent`: newest record, `max` / `min`: typed comparison,
    `most_frequent`: most records holding the value; `source_priority` adds nothing); then
    the deterministic tie-breaks: trust rank, recency, record key. `relation` is the alias
    of a relation with the columns of int_customer_attributes_survived's `ranked` CTE. -#}
{% macro survivorship_order_by(relation) -%}
    {{ return(adapter.dispatch('survivorship_order_by', 'customer_identity')(relation)) }}
{%- endmacro %}

{% macro default__survivorship_order_by(relation) -%}
    {{ relation }}.is_stale,
    case when {{ relation }}.strategy = 'keep_existing' and {{ relation }}.is_previously_published then 0 else 1 end,
    case when {{ relation }}.strategy = 'most_recent' then {{ relation }}.source_updated_at end desc nulls last,
    case when {{ relation }}.strategy = 'max' then {{ relation }}.numeric_value end desc nulls last,
    case when {{ relation }}.strategy = 'max' then {{ relation }}.value end desc nulls last,
    case when {{ relation }}.strategy = 'min' then {{ relation }}.numeric_value end asc nulls last,
    case when {{ relation }}.strategy = 'min' then {{ relation }}.value end asc nulls last,
    case when {{ relation }}.strategy = 'most_frequent' then {{ relation }}.value_frequency end desc nulls last,
    {{ relation }}.trust_rank asc nulls last,
    {{ relation }}.source_updated_at desc nulls last,
    {{ relation }}.record_key asc
{%- endmacro %}
