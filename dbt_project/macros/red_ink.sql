{#- A claim line that reimbursed something: a positive amount, not reversed in full by a red-ink (红字冲销) line
    of the same invoice (a negative line of the same amount on a claim that was not rejected). A red-ink line
    itself, or a line it cancels, reimbursed nothing: the line-level expense rules judge only what was paid,
    and never report a negative amount. -#}
{% macro reimbursed_line(alias) -%}
    ({{ alias }}.amount > 0 and not exists (
        -- the red-ink line's own columns unqualified: a ref cannot take an alias (dbt's --empty wraps it)
        select 1 from {{ ref('int_exp__claim_lines') }}
        where invoice_key = {{ alias }}.invoice_key
            and amount = -{{ alias }}.amount
            and approval_status is distinct from '驳回'
    ))
{%- endmacro %}
