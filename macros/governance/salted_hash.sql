{#- A salted one-way hash of a normalised identifier (var `erasure_salt`, set it through the
    ERASURE_SALT environment variable): erasure requests and the erasure registry keep only
    these, so they can match records but cannot be read back. Null stays null. -#}
{% macro salted_hash(expression) -%}
    {{ return(adapter.dispatch('salted_hash', 'customer_identity')(expression)) }}
{%- endmacro %}

{% macro default__salted_hash(expression) -%}
    {{ dbt.hash(dbt.concat([customer_identity.sql_string(var('erasure_salt')), expression])) }}
{%- endmacro %}

{% macro duckdb__salted_hash(expression) -%}
    sha256({{ customer_identity.sql_string(var('erasure_salt')) }} || {{ expression }})
{%- endmacro %}

{#- The same SHA-256 hex digest as DuckDB's, so a registry moves between the two. -#}
{% macro spark__salted_hash(expression) -%}
    sha2({{ customer_identity.sql_string(var('erasure_salt')) }} || {{ expression }}, 256)
{%- endmacro %}
