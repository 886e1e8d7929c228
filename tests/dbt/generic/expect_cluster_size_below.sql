{#- Fails for every row whose record count (`column_name`) reaches `cap`: a customer uniting
    that many records is almost certainly a phantom built by a shared identifier. -#}
{% test expect_cluster_size_below(model, column_name, cap) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} >= {{ cap }}

{% endtest %}
