{#- What to select from to read a reference seed at compile time: the loaded seed table, or,
    before `dbt seed` has run (a fresh database under `dbt compile` or sqlfluff), the seed's
    CSV file where the adapter can read one. Returns none at parse time, when nothing may be
    queried; calling it registers the dependency on the seed. -#}
{% macro reference_seed_source(seed_name) -%}
    {%- set seed_relation = ref(seed_name) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set seed_nodes = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('name', 'equalto', seed_name)
        | list -%}
    {%- if seed_nodes | length == 0 -%}
        {{ exceptions.raise_compiler_error("Reference seed '" ~ seed_name ~ "' not found in the project.") }}
    {%- endif -%}
    {%- set seed_node = seed_nodes[0] -%}
    {#- Looked up from the graph, not through ref(): in a unit test ref() names a fixture CTE. -#}
    {%- set loaded = adapter.get_relation(
        database=seed_node.database, schema=seed_node.schema, identifier=seed_node.alias
    ) -%}
    {%- if loaded is not none -%}
        {{ return('(select * from ' ~ loaded ~ ')') }}
    {%- endif -%}
    {{ return('(' ~ customer_identity.select_seed_file(seed_node) ~ ')') }}
{%- endmacro %}
