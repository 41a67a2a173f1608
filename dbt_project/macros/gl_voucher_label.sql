{#- A voucher's number as NC shows it: 2026-03 付-0012 (fiscal year-period, voucher type-number). -#}
{% macro gl_voucher_label(fiscal_year, period, voucher_type, voucher_no) -%}
    {{ fiscal_year }} || '-' || lpad({{ period }}::text, 2, '0') || ' ' || {{ voucher_type }} || '-'
        || lpad({{ voucher_no }}::text, 4, '0')
{%- endmacro %}
