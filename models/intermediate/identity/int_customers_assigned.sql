-- The customer id of every clustered record. An id is derived from the cluster's smallest
-- record key, so a rerun on the same data gives the same ids. (Ids that survive merges and
-- splits across runs come with the id-history work.)
with

clusters as (
    select * from {{ ref('int_identity_clusters_resolved') }}
),

final as (
    select
        record_key,
        source_system,
        source_record_id,
        is_profile,
        cluster_key,
        case
            when cluster_key is not null
                then 'CUS-' || upper(substr(md5(cluster_key), 1, 16))
        end as customer_id
    from clusters
)

select * from final
