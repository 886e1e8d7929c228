{#- The columns of a located extract, in file order, as a list of {name, type}: a Parquet
    file's own types in upper case (read_extract turns a DATE birth date back into the
    contract's text layout), '' for every column of a CSV (read as text). A CSV header is read
    as one plain line (names split at commas outside `"` quotes, quotes and a byte-order mark
    removed) so that a damaged line further down cannot stop the run: the CSV reader is then
    told the columns instead of sniffing them. A file DuckDB cannot open fails the run here,
    naming the file. ignore_errors: invalid UTF-8 in a data line near the top must not fail the
    header read (the line is quarantined later); an undecodable header line is skipped, so the
    next line is taken for the header and the run fails naming the file and the missing
    columns. -#}
{% macro describe_extract_columns(located) -%}
    {%- set columns = [] -%}
    {%- if located.format == 'parquet' -%}
        {%- set result = run_query(customer_identity.describe_parquet_query(located.path)) -%}
        {%- for row in result.rows -%}
            {%- do columns.append({'name': row[0], 'type': row[1] | string | upper}) -%}
        {%- endfor -%}
        {{ return(columns) }}
    {%- endif -%}
    {%- set result = run_query(customer_identity.first_line_query(located.path)) -%}
    {%- set header_line = result.columns[0].values()[0] if result.columns[0].values() | length > 0 else none -%}
    {%- if not header_line -%}
        {{ exceptions.raise_compiler_error(located.path ~ ": the file has no header line") }}
    {%- endif -%}
    {#- Fields split at commas outside quotes: `"Notes, internal"` is one column name. -#}
    {%- for quoted, bare in modules.re.findall(
        '(?:^|,)\\s*(?:"((?:[^"]|"")*)"|([^,]*))', header_line.replace('\ufeff', '')
    ) -%}
        {%- do columns.append({'name': (quoted.replace('""', '"') if quoted else bare).strip(), 'type': ''}) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}

{#- A query whose first two columns list a Parquet file's column names and types. -#}
{% macro describe_parquet_query(path) -%}
    {{ return(adapter.dispatch('describe_parquet_query', 'customer_identity')(path)) }}
{%- endmacro %}

{% macro default__describe_parquet_query(path) -%}
    describe select * from read_parquet('{{ path | replace("'", "''") }}')
{%- endmacro %}

{% macro spark__describe_parquet_query(path) -%}
    describe query select * from parquet.`{{ path }}`
{%- endmacro %}

{#- A query returning the first line of a text file as one column, whatever it holds.
    parallel = false: with preserve_insertion_order off (the profile), a parallel scan's
    `limit 1` may return any line of a large file instead of the first. strict_mode = false:
    without quoting, a line break inside a quoted field that differs from the file's own
    (`\n` in a CRLF file, as spreadsheet exports write) otherwise stops the read. -#}
{% macro first_line_query(path) -%}
    {{ return(adapter.dispatch('first_line_query', 'customer_identity')(path)) }}
{%- endmacro %}

{% macro default__first_line_query(path) -%}
    select header_line from read_csv('{{ path | replace("'", "''") }}', header = false, auto_detect = false,
        columns = {'header_line': 'VARCHAR'}, delim = '{{ "\x1f" }}', quote = '', escape = '',
        ignore_errors = true, parallel = false, strict_mode = false) limit 1
{%- endmacro %}

{#- Spark's text source reads undecodable bytes as replacement characters. -#}
{% macro spark__first_line_query(path) -%}
    select value from text.`{{ path }}` limit 1
{%- endmacro %}
