{#- Two CTEs ending in `name`: per record_key, the cluster its candidates decide. The
    strongest evidence tier that has candidates (the lowest evidence_tier) decides, and
    only when it names exactly one cluster_key. Expects a relation with record_key,
    evidence_tier and cluster_key; `name` has those three columns. -#}
{% macro decisive_cluster(name, candidates) -%}
{{ name }}_strongest as (
    select *
    from {{ candidates }}
    qualify evidence_tier = min(evidence_tier) over (partition by record_key)
),

{{ name }} as (
    select
        record_key,
        min(cluster_key) as cluster_key,
        min(evidence_tier) as evidence_tier
    from {{ name }}_strongest
    group by record_key
    having count(distinct cluster_key) = 1
)
{%- endmacro %}
