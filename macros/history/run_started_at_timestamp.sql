{#- When this dbt invocation started (UTC), as a timestamp literal: every row a run writes
    to the id registries carries the same value. -#}
{% macro run_started_at_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
