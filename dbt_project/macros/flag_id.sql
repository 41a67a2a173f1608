{#- Deterministic flag identity: the same rule and source keys give the same id on every night. -#}
{% macro flag_id(rule_id_column, flag_key_column) -%}
    md5({{ rule_id_column }} || '|' || {{ flag_key_column }})
{%- endmacro %}
