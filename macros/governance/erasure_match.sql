{#- Boolean: the record is an erased person's. `registry` is a relation of erasure registry
    entries (see erasure_registry_entries); `record_key` the record's source_system:id
    expression; `emails` and `phones` lists of its normalised (canonical email, E.164)
    columns. -#}
{% macro erasure_match(registry, record_key, emails=[], phones=[]) -%}
    {{ return(adapter.dispatch('erasure_match', 'customer_identity')(registry, record_key, emails, phones)) }}
{%- endmacro %}

{% macro default__erasure_match(registry, record_key, emails, phones) -%}
    coalesce(
        {{ customer_identity.salted_hash(record_key) }} in (
            select identifier_hash from {{ registry }} where identifier_type = 'record_key'
        )
        {%- for column in emails %}
        or {{ customer_identity.salted_hash(column) }} in (
            select identifier_hash from {{ registry }} where identifier_type = 'email'
        )
        {%- endfor %}
        {%- for column in phones %}
        or {{ customer_identity.salted_hash(column) }} in (
            select identifier_hash from {{ registry }} where identifier_type = 'phone'
        )
        {%- endfor %},
        false
    )
{%- endmacro %}
