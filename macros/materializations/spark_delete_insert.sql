{#- Incremental `delete+insert` on Spark. dbt-spark offers append, insert_overwrite and (on
    Delta, Iceberg, Hudi) merge only, and plain Parquet tables cannot delete rows. The
    project's registries (customer_assignment_state, customer_id_map) replace the rows of
    the keys a run wrote, so on Spark the table is rewritten: the rows of other keys plus the
    new ones go to a staging copy first (the model's query reads the table it replaces, and
    Spark will not overwrite a table it is reading), then overwrite the table. dbt-spark
    validates and routes strategies in these two macros; this project's versions add
    delete+insert and hand every other strategy back to dbt-spark's. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if raw_strategy == 'delete+insert' -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}

{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) -%}
    {%- if strategy == 'delete+insert' -%}
        {{ get_delete_insert_merge_sql(target, source, unique_key, none, incremental_predicates) }}
    {%- else -%}
        {{ dbt.dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) }}
    {%- endif -%}
{%- endmacro %}

{#- dbt-core dispatches delete+insert here for the spark adapter. -#}
{% macro spark__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
    {%- if incremental_predicates -%}
        {{ exceptions.raise_compiler_error(
            'incremental_predicates are not supported by delete+insert on Spark (' ~ this ~ ')'
        ) }}
    {%- endif -%}
    {%- set keys = [unique_key] if unique_key is string else unique_key -%}
    {%- set columns = adapter.get_columns_in_relation(target) | map(attribute='quoted') | join(', ') -%}
    {%- set kept_rows -%}
        select {{ columns }}
        from {{ target }} as kept
        left anti join {{ source }} as written
            on {% for key in keys %}kept.{{ key }} = written.{{ key }}{{ ' and ' if not loop.last }}{% endfor %}
        union all
        select {{ columns }} from {{ source }}
    {%- endset -%}
    {{ customer_identity.spark_rewrite_table(target, kept_rows) }}
{%- endmacro %}

{#- Replace the rows of `relation` with those of `select_sql` (which may read `relation`),
    through a staging copy; returns the last statement (dropping the copy) for the caller to
    run. Spark only. -#}
{% macro spark_rewrite_table(relation, select_sql) -%}
    {%- set staging = relation.incorporate(path={'identifier': relation.identifier ~ '__dbt_rewrite'}) -%}
    {%- do run_query('drop table if exists ' ~ staging) -%}
    {%- do run_query('create table ' ~ staging ~ ' using parquet as ' ~ select_sql) -%}
    {%- do run_query('insert overwrite table ' ~ relation ~ ' select * from ' ~ staging) -%}
    drop table if exists {{ staging }}
{%- endmacro %}
