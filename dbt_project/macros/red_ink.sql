{#- A claim finance turned down or voided (驳回, 已驳回, 退回, 审批不通过, 不同意, 作废, 撤回 ...: norm_approval_status)
    reimbursed nothing: none of its lines is judged, adds to an event (a stay, a reception, an invoice's uses) or
    reverses another line. A claim still in approval (审批中) is judged: it is on its way to being paid. -#}
{% macro claim_turned_down(status_expr) -%}
    coalesce({{ norm_approval_status(status_expr) }} in ('驳回', '已作废'), false)
{%- endmacro %}


{#- A claim line that reimbursed something: a positive amount, not reversed in full by a red-ink (红字冲销) line
    of the same invoice (a negative line of the same amount on a claim that was not rejected). A red-ink line
    itself, or a line it cancels, reimbursed nothing: the line-level expense rules judge only what was paid,
    and never report a negative or zero amount (with partial reversals: reimbursed_amounts).
    Reversals are paired with the claimed lines one to one, earliest claim first: an invoice claimed, reversed in
    full and claimed again (a claim paid back and filed anew) was reimbursed once, by the later claim. -#}
{% macro reimbursed_line(alias) -%}
    ({{ alias }}.amount > 0 and not exists (
        select 1 from {{ fully_reversed_lines() }} as reversed
        where reversed.claim_no = {{ alias }}.claim_no and reversed.line_no = {{ alias }}.line_no
    ))
{%- endmacro %}


{#- The claimed lines a red-ink line reverses in full: for each invoice and amount, as many of the claimed lines
    (positive, claim not turned down: claim_turned_down; in claim number order) as there are red-ink lines of that amount on claims not
    rejected. A relation of (claim_no, line_no); set-based, computed once for the model. -#}
{% macro fully_reversed_lines() -%}
    (
        select claimed.claim_no, claimed.line_no
        from (
            select
                claim_no, line_no, invoice_key, amount,
                row_number() over (partition by invoice_key, amount order by claim_no, line_no) as claimed_order
            from {{ ref('int_exp__claim_lines') }}
            where amount > 0 and invoice_key is not null and not {{ claim_turned_down('approval_status') }}
        ) as claimed
        inner join (
            select invoice_key, -amount as amount, count(*) as reversals
            from {{ ref('int_exp__claim_lines') }}
            where amount < 0 and invoice_key is not null and not {{ claim_turned_down('approval_status') }}
            group by invoice_key, amount
        ) as red_ink
            on red_ink.invoice_key = claimed.invoice_key and red_ink.amount = claimed.amount
        where claimed.claimed_order <= red_ink.reversals
    )
{%- endmacro %}


{#- The claim lines reversed in part, with what they reimbursed: the amount less every partial red-ink reversal
    of the same invoice (a negative line of a smaller absolute amount on a claim that was not rejected: a discount
    or a part refunded; not one that matches another line of the invoice exactly, which reverses that line in
    full). A relation of (claim_no, line_no, reimbursed_amount), to left join: a line not in it reimbursed its
    amount; a rule reports the net and drops a line whose partial reversals add up to it (net zero or less).
    Set-based (joins, not a lookup per line), so it stays fast on a full export. -#}
{% macro reimbursed_amounts() -%}
    (
        select
            claimed.claim_no,
            claimed.line_no,
            cast(claimed.amount + sum(reversals.amount) as numeric(18, 2)) as reimbursed_amount
        from (
            select claim_no, line_no, invoice_key, amount from {{ ref('int_exp__claim_lines') }}
            where amount > 0 and invoice_key is not null
        ) as claimed
        inner join (
            select invoice_key, amount from {{ ref('int_exp__claim_lines') }}
            where amount < 0 and invoice_key is not null and not {{ claim_turned_down('approval_status') }}
        ) as reversals
            on reversals.invoice_key = claimed.invoice_key
            and reversals.amount > -claimed.amount
        where not exists (
            select 1
            from (
                select invoice_key, amount from {{ ref('int_exp__claim_lines') }} where amount > 0
            ) as reversed
            where reversed.invoice_key = reversals.invoice_key and reversed.amount = -reversals.amount
        )
        group by claimed.claim_no, claimed.line_no, claimed.amount
    )
{%- endmacro %}
