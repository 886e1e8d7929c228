{{ config(
    materialized='incremental',
    unique_key='customer_id',
    incremental_strategy='delete+insert',
    full_refresh=false,
    on_schema_change='append_new_columns',
) }}
-- Every customer id ever published and the id it leads to now, in one step: an id merged
-- into another leads to the survivor (and on, if the survivor merges later); a retired id
-- leads nowhere; an erased id leads to itself, its tombstone. Each id row keeps the
-- sequence number it was issued with, so no number is ever issued twice. Only rows that
-- change are written; a full refresh keeps it.
{%- set string_type = dbt.type_string() %}
with

events as (
    select * from {{ ref('int_customer_id_events') }}
),

issued_now as (
    select distinct new_customer_id as customer_id
    from events
    where event_type in ('created', 'split')
),

-- The ids this table already holds (none on its first build).
known as (
    {%- if is_incremental() %}
    select customer_id from {{ this }}
    {%- else %}
    select customer_id from issued_now
    where false
    {%- endif %}
),

new_rows as (
    select
        issued_now.customer_id,
        issued_now.customer_id as current_customer_id,
        'active' as status,
        {{ try_cast('substr(issued_now.customer_id, 5)', dbt.type_bigint()) }} as id_sequence,
        {{ run_started_at_timestamp() }} as first_published_at
    from issued_now
    left join known on issued_now.customer_id = known.customer_id
    where known.customer_id is null
),

{% if is_incremental() %}
merged_now as (
    select
        old_customer_id,
        new_customer_id
    from events
    where event_type = 'merged'
),

retired_now as (
    select old_customer_id
    from events
    where event_type = 'retired'
),

erased_now as (
    select old_customer_id
    from events
    where event_type = 'erased'
),

known_rows as (
    select * from {{ this }}
),

-- Known ids whose current id merged, retired or was erased this run.
updated_rows as (
    select
        known_rows.customer_id,
        case
            when merged_now.old_customer_id is not null then merged_now.new_customer_id
            when retired_now.old_customer_id is not null then cast(null as {{ string_type }})
            else known_rows.current_customer_id
        end as current_customer_id,
        case
            when known_rows.customer_id != known_rows.current_customer_id then known_rows.status
            when merged_now.old_customer_id is not null then 'merged'
            when retired_now.old_customer_id is not null then 'retired'
            when erased_now.old_customer_id is not null then 'erased'
            else known_rows.status
        end as status,
        known_rows.id_sequence,
        known_rows.first_published_at
    from known_rows
    left join merged_now on known_rows.current_customer_id = merged_now.old_customer_id
    left join retired_now on known_rows.current_customer_id = retired_now.old_customer_id
    left join erased_now on known_rows.current_customer_id = erased_now.old_customer_id
    where
        merged_now.old_customer_id is not null
        or retired_now.old_customer_id is not null
        or erased_now.old_customer_id is not null
),

written_rows as (
    select * from new_rows
    union all
    select * from updated_rows
),
{% else %}
written_rows as (
    select * from new_rows
),
{% endif %}

final as (
    select
        written_rows.*,
        {{ run_started_at_timestamp() }} as updated_at
    from written_rows
)

select * from final
