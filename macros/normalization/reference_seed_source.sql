{#- What to select from to read a reference seed at compile time: the loaded seed table, or,
    before `dbt seed` has run (a fresh database under `dbt compile` or sqlfluff), the seed's
    CSV file where the adapter can read one. Returns none at parse time, when nothing may be
    queried; calling it there registers the calling model's dependency on the seed. -#}
{% macro reference_seed_source(seed_name) -%}
    {%- if not execute -%}
        {%- set seed_relation = ref(seed_name) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if model is mapping and model.get('resource_type') == 'unit_test' -%}
        {#- In a unit test ref() only knows the test's inputs (a fixture CTE cannot be queried
            at compile time) and the graph is empty: look for the loaded seed table by name. -#}
        {%- set found -%}
            select table_schema from information_schema.tables
            where lower(table_name) = lower('{{ seed_name }}')
                and lower(table_catalog) = lower('{{ target.database }}')
            order by table_schema
        {%- endset -%}
        {%- for row in run_query(found).rows -%}
            {%- set loaded = api.Relation.create(database=target.database, schema=row[0], identifier=seed_name) -%}
            {{ return('(select * from ' ~ loaded ~ ')') }}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "Seed '" ~ seed_name ~ "' is not loaded: run `dbt seed` (or `dbt build`) before the unit tests."
        ) }}
    {%- endif -%}
    {%- set loaded = load_relation(ref(seed_name)) -%}
    {%- if loaded is not none -%}
        {{ return('(select * from ' ~ loaded ~ ')') }}
    {%- endif -%}
    {%- set seed_node = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('name', 'equalto', seed_name)
        | first -%}
    {{ return('(' ~ customer_identity.select_seed_file(seed_node) ~ ')') }}
{%- endmacro %}
