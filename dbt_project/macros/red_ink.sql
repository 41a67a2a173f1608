{#- A claim line that reimbursed something: a positive amount, not reversed in full by a red-ink (红字冲销) line
    of the same invoice (a negative line of the same amount on a claim that was not rejected), nor by partial
    reversals that add up to it. A red-ink line itself, or a line it cancels, reimbursed nothing: the line-level
    expense rules judge only what was paid, and never report a negative or zero amount. -#}
{% macro reimbursed_line(alias) -%}
    ({{ alias }}.amount > 0 and not exists (
        -- the red-ink line's own columns unqualified: a ref cannot take an alias (dbt's --empty wraps it)
        select 1 from {{ ref('int_exp__claim_lines') }}
        where invoice_key = {{ alias }}.invoice_key
            and amount = -{{ alias }}.amount
            and approval_status is distinct from '驳回'
    ) and {{ reimbursed_amount(alias) }} > 0)
{%- endmacro %}


{#- What a claim line reimbursed after partial red-ink reversals: its amount less every partial reversal of the
    same invoice (a negative line of a smaller absolute amount on a claim that was not rejected: a discount or a
    part refunded; not one that matches another line of the invoice exactly, which reverses that line). The money at issue of a line-level rule is this net, not the amount first claimed; a line
    without an invoice number has nothing to net. Use with reimbursed_line, which leaves out full reversals. -#}
{% macro reimbursed_amount(alias) -%}
    cast({{ alias }}.amount + coalesce((
        select sum(amount) from {{ ref('int_exp__claim_lines') }}
        where invoice_key = {{ alias }}.invoice_key
            and amount < 0
            and amount > -{{ alias }}.amount
            and approval_status is distinct from '驳回'
            -- a red-ink line of another line's exact amount reverses that line in full, not part of this one
            and -amount not in (
                select others.amount
                from (select invoice_key, amount from {{ ref('int_exp__claim_lines') }}) as others
                where others.invoice_key = {{ alias }}.invoice_key and others.amount > 0
            )
    ), 0) as numeric(18, 2))
{%- endmacro %}
