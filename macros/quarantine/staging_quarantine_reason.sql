{#- Why a staged row cannot be used, or null when it can. Rows are kept, never dropped:
    an empty id, or an id repeated in the extract (the most recently updated row wins,
    then the later line). `id_column` is the extract's id column name, for the message. -#}
{% macro staging_quarantine_reason(id_column, updated_at_column) -%}
    case
        when source_record_id is null
            then '{{ id_column }} is empty; every row of ' || extract_name || ' needs one'
        when row_number() over (
            partition by source_record_id
            order by {{ updated_at_column }} desc nulls last, source_row_number desc
        ) > 1
            then 'duplicate {{ id_column }} ''' || source_record_id || ''' in ' || extract_name
            || ': the most recently updated row with this id was kept'
    end
{%- endmacro %}
