-- Pairs a steward should look at: Splink pairs in the review band (var review_threshold up
-- to var auto_link_threshold), pairs above it that the name / birth-date veto kept apart,
-- and linked pairs that clustering separated again (a cluster over the caps, or a steward
-- no_match cut through a chain), when the two records are not one customer and no steward
-- has decided on them. Ordered by how much a decision would change: records that would
-- move times how uncertain the link is (separated links count as fully uncertain).
with

scored_pairs as (
    select * from {{ ref('int_identity_pairs_checked') }}
),

linked_edges as (
    select * from {{ ref('int_identity_edges_linked') }}
),

assignments as (
    select * from {{ ref('int_customers_assigned') }}
),

records as (
    select * from {{ ref('int_identity_records_unioned') }}
),

steward_decisions as (
    select * from {{ ref('int_identity_steward_decisions_latest') }}
),

profile_clusters as (
    select * from {{ ref('int_identity_profile_clusters') }}
),

customer_sizes as (
    select
        customer_id,
        count(*) as record_count
    from assignments
    where customer_id is not null
    group by customer_id
),

scored_open_pairs as (
    select
        scored_pairs.record_key_l,
        scored_pairs.record_key_r,
        scored_pairs.match_probability,
        scored_pairs.match_weight,
        scored_pairs.comparison_match_weights,
        left_assignment.customer_id as customer_id_l,
        right_assignment.customer_id as customer_id_r,
        case
            when scored_pairs.is_contradicted
                then 'kept apart by conflicting first names or birth dates'
            else 'in the review band'
        end as review_reason,
        1 - abs(2 * scored_pairs.match_probability - 1) as uncertainty
    from scored_pairs
    inner join assignments as left_assignment
        on scored_pairs.record_key_l = left_assignment.record_key
    inner join assignments as right_assignment
        on scored_pairs.record_key_r = right_assignment.record_key
    left join linked_edges
        on
            scored_pairs.record_key_l = linked_edges.record_key_l
            and scored_pairs.record_key_r = linked_edges.record_key_r
    left join steward_decisions
        on
            least(scored_pairs.record_key_l, scored_pairs.record_key_r) = steward_decisions.record_key_l
            and greatest(scored_pairs.record_key_l, scored_pairs.record_key_r) = steward_decisions.record_key_r
    where
        linked_edges.record_key_l is null
        and steward_decisions.record_key_l is null
        and left_assignment.customer_id is distinct from right_assignment.customer_id
),

separated_pairs as (
    select
        linked_edges.record_key_l,
        linked_edges.record_key_r,
        coalesce(linked_edges.match_probability, scored_pairs.match_probability, 1.0)
            as match_probability,
        scored_pairs.match_weight,
        scored_pairs.comparison_match_weights,
        left_assignment.customer_id as customer_id_l,
        right_assignment.customer_id as customer_id_r,
        'linked (' || linked_edges.evidence || '), then separated: '
        || coalesce(left_cluster.split_reason, right_cluster.split_reason, 'cut by clustering')
            as review_reason,
        1.0 as uncertainty
    from linked_edges
    inner join assignments as left_assignment
        on linked_edges.record_key_l = left_assignment.record_key
    inner join assignments as right_assignment
        on linked_edges.record_key_r = right_assignment.record_key
    inner join profile_clusters as left_cluster
        on linked_edges.record_key_l = left_cluster.record_key
    inner join profile_clusters as right_cluster
        on linked_edges.record_key_r = right_cluster.record_key
    left join scored_pairs
        on
            linked_edges.record_key_l = scored_pairs.record_key_l
            and linked_edges.record_key_r = scored_pairs.record_key_r
    left join steward_decisions
        on
            linked_edges.record_key_l = steward_decisions.record_key_l
            and linked_edges.record_key_r = steward_decisions.record_key_r
    where
        steward_decisions.record_key_l is null
        and left_assignment.customer_id is distinct from right_assignment.customer_id
),

open_pairs as (
    select * from scored_open_pairs
    union all
    select * from separated_pairs
),

final as (
    select
        open_pairs.record_key_l || '|' || open_pairs.record_key_r as review_pair_id,
        open_pairs.review_reason,
        open_pairs.match_probability,
        open_pairs.match_weight,
        open_pairs.comparison_match_weights,
        (coalesce(left_size.record_count, 1) + coalesce(right_size.record_count, 1))
        * open_pairs.uncertainty as review_priority,
        open_pairs.customer_id_l,
        open_pairs.customer_id_r,
        left_record.source_system as source_system_l,
        left_record.source_record_id as source_record_id_l,
        right_record.source_system as source_system_r,
        right_record.source_record_id as source_record_id_r,
        left_record.first_name as first_name_l,
        right_record.first_name as first_name_r,
        left_record.last_name as last_name_l,
        right_record.last_name as last_name_r,
        left_record.email as email_l,
        right_record.email as email_r,
        left_record.phone_e164 as phone_l,
        right_record.phone_e164 as phone_r,
        left_record.date_of_birth as date_of_birth_l,
        right_record.date_of_birth as date_of_birth_r,
        left_record.street as street_l,
        right_record.street as street_r,
        left_record.postcode as postcode_l,
        right_record.postcode as postcode_r
    from open_pairs
    inner join records as left_record on open_pairs.record_key_l = left_record.record_key
    inner join records as right_record on open_pairs.record_key_r = right_record.record_key
    left join customer_sizes as left_size on open_pairs.customer_id_l = left_size.customer_id
    left join customer_sizes as right_size on open_pairs.customer_id_r = right_size.customer_id
)

select * from final
order by review_priority desc, review_pair_id asc
