{#- The contract's row accounting: for every source system, the rows its staging model holds
    (every line of the extract: parsed rows and lines the CSV reader rejected) equal its rows
    in `model` (customer_xref) plus its rows in `quarantine_model`. Fails with one row per
    source system whose counts disagree. -#}
{% test expect_rows_accounted_for(model, quarantine_model, staging_models) %}

with

staged as (
    {%- for staging_model in staging_models %}
    {% if not loop.first %}union all{% endif %}
    select
        source_system,
        count(*) as file_rows
    from {{ ref(staging_model) }}
    group by source_system
    {%- endfor %}
),

resolved as (
    select
        source_system,
        count(*) as resolved_rows
    from {{ model }}
    group by source_system
),

quarantined as (
    select
        source_system,
        count(*) as quarantined_rows
    from {{ quarantine_model }}
    group by source_system
),

accounted as (
    select
        coalesce(staged.source_system, resolved.source_system, quarantined.source_system)
            as source_system,
        coalesce(staged.file_rows, 0) as file_rows,
        coalesce(resolved.resolved_rows, 0) as resolved_rows,
        coalesce(quarantined.quarantined_rows, 0) as quarantined_rows
    from staged
    full outer join resolved on staged.source_system = resolved.source_system
    full outer join quarantined
        on coalesce(staged.source_system, resolved.source_system) = quarantined.source_system
)

select *
from accounted
where file_rows <> resolved_rows + quarantined_rows

{% endtest %}
