{#- Post-hook of every model: fresh planner statistics on what it just built (tables and incremental models;
    views have none). Without them PostgreSQL takes a new table for one row and the next models downstream
    get nested-loop plans that run for minutes instead of milliseconds. -#}
{% macro analyze_relation() %}
    {%- if config.get('materialized') in ('table', 'incremental') -%}
        analyze {{ this }}
    {%- endif -%}
{% endmacro %}
