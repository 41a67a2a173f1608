{#- The key a payroll line (int_pay__payroll_lines) and its item judgement (int_pay__item_judgements) share:
    everything the judgement depends on, as one text value, so that the join is a plain hash join. A row's
    text form tells a null from an empty string. -#}
{% macro pay_judgement_key(subsidiary_code, item_code, item_name, item_category, month_start, rank_code) -%}
    md5(row({{ subsidiary_code }}, {{ item_code }}, {{ item_name }}, {{ item_category }},
            {{ month_start }}::date, {{ rank_code }})::text)
{%- endmacro %}
