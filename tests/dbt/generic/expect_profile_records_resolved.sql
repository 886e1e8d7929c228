{#- Fails for every crm, erp or legacy record without a customer: the contract promises
    one to every well-formed profile record. -#}
{% test expect_profile_records_resolved(model) %}

select source_system, source_record_id
from {{ model }}
where source_system in ('crm', 'erp', 'legacy') and customer_id is null

{% endtest %}
