{#- An id map resolves in one step: every id's current id is in the map and leads to itself,
    so no lookup needs a second hop and no chain can loop. Fails with one row per id whose
    current id is missing from the map or leads elsewhere. -#}
{% test expect_map_resolves_in_one_step(model, id_column='customer_id', current_column='current_customer_id') %}

with

id_map as (
    select * from {{ model }}
),

targets as (
    select
        id_map.{{ id_column }},
        id_map.{{ current_column }},
        target_row.{{ current_column }} as target_current_id
    from id_map
    left join id_map as target_row
        on id_map.{{ current_column }} = target_row.{{ id_column }}
    where id_map.{{ current_column }} is not null
)

select *
from targets
where target_current_id is null or target_current_id != {{ current_column }}

{% endtest %}
