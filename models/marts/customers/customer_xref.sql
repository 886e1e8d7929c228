-- One row per usable source record and the customer it resolved to (empty for a
-- conversation that carries no usable identifier).
with

assignments as (
    select * from {{ ref('int_customers_assigned') }}
),

final as (
    select
        source_system,
        source_record_id,
        customer_id,
        record_key
    from assignments
)

select * from final
