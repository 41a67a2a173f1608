{#- The common output shape of every rf_* rule model, in order. -#}
{% macro red_flag_columns() -%}
    {{ return(['rule_id', 'subsidiary_code', 'subject_type', 'subject_id', 'subject_name', 'period',
               'amount', 'evidence', 'source_refs', 'flag_key']) }}
{%- endmacro %}
