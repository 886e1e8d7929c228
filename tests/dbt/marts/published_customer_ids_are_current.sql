-- Every customer id published in customer_xref is registered in customer_id_map as its own
-- current id: a system that stores it finds it there. Fails with one row per id that is not.
with

xref as (
    select * from {{ ref('customer_xref') }}
),

id_map as (
    select * from {{ ref('customer_id_map') }}
),

published_ids as (
    select distinct customer_id
    from xref
    where customer_id is not null
),

final as (
    select
        published_ids.customer_id,
        id_map.current_customer_id,
        id_map.status
    from published_ids
    left join id_map on published_ids.customer_id = id_map.customer_id
    where
        id_map.customer_id is null
        or id_map.current_customer_id is null
        or id_map.current_customer_id != published_ids.customer_id
)

select * from final
