{#- Source freshness for extracts read through read_extract (they are files, not relations
    that `dbt source freshness` can query): fails when the newest `column_name` is older than
    `max_age_days`, or when the extract has rows but none carries a time. Meant for
    severity warn. An empty model passes: a missing extract is allowed. -#}
{% test expect_recent_values(model, column_name, max_age_days) %}

with

newest as (
    select
        count(*) as row_count,
        max({{ column_name }}) as newest_value
    from {{ model }}
)

select *
from newest
where
    row_count > 0
    and (
        newest_value is null
        or newest_value < {{ dbt.dateadd('day', -1 * max_age_days, dbt.current_timestamp()) }}
    )

{% endtest %}
