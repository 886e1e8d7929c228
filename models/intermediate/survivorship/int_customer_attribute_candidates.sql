-- Every value any record of a customer offers for a golden attribute (one row per customer,
-- attribute and record), as text: the long form survivorship ranks. Which column feeds which
-- attribute is configuration (seed survivorship_rules). Once golden records are published,
-- only the customers this run changed are offered (int_customers_changed).
{%- set attributes = survivorship_attributes() %}
with

all_assignments as (
    select * from {{ ref('int_customers_assigned') }}
    where customer_id is not null
),

changed_customers as (
    select * from {{ ref('int_customers_changed') }}
    where is_current
),

-- The customers this run changed; every customer on a first or full build.
assignments as (
    select all_assignments.*
    from all_assignments
    left join changed_customers on all_assignments.customer_id = changed_customers.customer_id
    where
        changed_customers.customer_id is not null
        or {{ 'false' if survivorship_is_incremental() else 'true' }}
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

source_trust as (
    select * from {{ ref('source_trust') }}
),

customer_records as (
    select
        assignments.customer_id,
        records.*,
        source_trust.trust_rank
    from assignments
    inner join records on assignments.record_key = records.record_key
    left join source_trust on records.source_system = source_trust.source_system
),

unpivoted as (
    {{ unpivot_attribute_candidates('customer_records', attributes) }}
),

final as (
    select
        customer_id || '|' || attribute || '|' || record_key as candidate_id,
        *
    from unpivoted
)

select * from final
