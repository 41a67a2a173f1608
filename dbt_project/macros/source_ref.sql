{#- One element of a flag's source_refs: which source row the finding stands on.
      {"table": "nc_erp.ar_bill", "key": {"bill_no": "AR-..."}, "label": "应收单 AR-..."}
    `table` is <system>.<table> of the source contract, `key` its primary key columns and values, so
    audit_meta.source_ref_exists() can check the row exists in raw, and an auditor can find it in the
    source system. Rules aggregate several with jsonb_agg(...). -#}
{% macro source_ref(table, key_columns, label) -%}
    jsonb_build_object(
        'table', '{{ table }}',
        'key', jsonb_build_object(
            {%- for col in key_columns %}'{{ col }}', {{ col }}{% if not loop.last %}, {% endif %}{% endfor -%}
        ),
        'label', {{ label }}
    )
{%- endmacro %}
