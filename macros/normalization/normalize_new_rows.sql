{#- The rows of `relation` (a staging model's renamed rows: source_record_id, content_hash
    and the raw columns) with the columns of `normalizations` (a mapping of column name to
    SQL expression over those raw columns) added, and a `normalization_fingerprint`.

    A refresh normalises only new and changed rows: a row whose source_record_id and
    content_hash the model's table already holds, usable (not quarantined, not erased) and
    normalised by the same SQL, takes its normalised values from there. The fingerprint is a
    hash of the compiled expressions, which inline the reference seeds they read, so a new
    version of a normalisation macro or of a seed normalises every row again; so does a full
    refresh, and so does a table written before the fingerprint existed. -#}
{% macro normalize_new_rows(relation, normalizations) -%}
    {%- set compiled = [] -%}
    {%- for name, expression in normalizations.items() -%}
        {%- do compiled.append(name ~ ' = ' ~ expression) -%}
    {%- endfor -%}
    {%- set fingerprint = local_md5(compiled | join('\n')) -%}
    {%- set previous = customer_identity.previously_normalized_relation() -%}
    {%- set normalized_columns -%}
        {%- for name, expression in normalizations.items() %}
        {{ expression }} as {{ name }},
        {%- endfor %}
        '{{ fingerprint }}' as normalization_fingerprint
    {%- endset -%}
    {%- if previous is none %}
    select
        {{ relation }}.*,
        {{- normalized_columns }}
    from {{ relation }}
    {%- else %}
        {%- set reusable -%}
            (
                select
                    source_record_id,
                    content_hash,
                    {%- for name in normalizations %}
                    {{ name }},
                    {%- endfor %}
                    normalization_fingerprint
                from {{ previous }}
                where
                    normalization_fingerprint = '{{ fingerprint }}'
                    and quarantine_reason is null
            )
        {%- endset %}
    select
        changed.*,
        {{- normalized_columns }}
    from (
        select {{ relation }}.*
        from {{ relation }}
        left join {{ reusable }} as reusable
            on
                {{ relation }}.source_record_id = reusable.source_record_id
                and {{ relation }}.content_hash = reusable.content_hash
        where reusable.source_record_id is null
    ) as changed

    union all

    select
        {{ relation }}.*,
        {%- for name in normalizations %}
        reusable.{{ name }},
        {%- endfor %}
        reusable.normalization_fingerprint
    from {{ relation }}
    inner join {{ reusable }} as reusable
        on
            {{ relation }}.source_record_id = reusable.source_record_id
            and {{ relation }}.content_hash = reusable.content_hash
    {%- endif %}
{%- endmacro %}

{#- The model's own table as the last run left it, when its rows may be reused: none at parse
    time, on a first or full build, or when the table predates normalization_fingerprint. -#}
{% macro previously_normalized_relation() -%}
    {{ return(adapter.dispatch('previously_normalized_relation', 'customer_identity')()) }}
{%- endmacro %}

{#- Reading the table a `table` model replaces works only where the materialization builds
    the new table beside the old one. dbt-spark drops a Parquet table first: no reuse there. -#}
{% macro default__previously_normalized_relation() -%}
    {{ return(none) }}
{%- endmacro %}

{#- dbt-duckdb builds the new table under a temporary name and swaps it in afterwards. -#}
{% macro duckdb__previously_normalized_relation() -%}
    {%- if not execute or flags.FULL_REFRESH -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set existing = load_relation(this) -%}
    {%- if existing is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set column_names = adapter.get_columns_in_relation(existing) | map(attribute='name') | map('lower') | list -%}
    {{ return(existing if 'normalization_fingerprint' in column_names else none) }}
{%- endmacro %}
