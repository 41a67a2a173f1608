{#- RF_EXP_002 超标准乘坐交通工具: a ticket whose cabin or seat class, as written in the export (经济 / Y舱 /
    二等 / 商务舱 ...) and mapped to the standard's classes (int_exp__tickets), is not among the classes the
    traveller's travel tier on the travel date allows for that mode (std_travel_transport_class, a subsidiary's
    own row winning). Tickets whose mode, class or tier finds no standard are reported by
    fct_standard_unmatched, not passed silently. A refund's red-ink line and the ticket it reverses in full are
    not judged (reimbursed_line); nor is a ticket on a claim turned down (int_exp__tickets). Amount: the ticket, net of partial red-ink reversals of the same invoice (a
    part refunded: reimbursed_amounts). -#}
with all_tickets as (
    select * from {{ ref('int_exp__tickets') }}
),

tickets as (
    select all_tickets.*, coalesce(net.reimbursed_amount, all_tickets.amount) as reimbursed_amount
    from all_tickets
    left join {{ reimbursed_amounts() }} as net
        on net.claim_no = all_tickets.claim_no and net.line_no = all_tickets.line_no
    where all_tickets.unmatched_reason is null and all_tickets.is_over_class
        -- a refunded ticket's red-ink line, and the ticket it reverses in full (at once or in parts), reimbursed
        -- nothing
        and {{ reimbursed_line('all_tickets') }}
        and coalesce(net.reimbursed_amount, all_tickets.amount) > 0
),

final as (
    select
        'RF_EXP_002' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        person_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        reimbursed_amount as amount,
        jsonb_build_object(
            '出差人', person_name,
            '职级', rank_name,
            '差旅职级', travel_tier,
            '交通方式', judged_mode,
            '实际舱位席别', travel_class,
            '报销单原文', concat_ws(' / ', transport_mode, transport_class),
            '可乘舱位席别', replace(allowed_classes, '|', '、'),
            '最高可乘', highest_class,
            '行程', concat_ws(' → ', origin_city, dest_city),
            '乘坐日期', start_date,
            '票价', amount,
            '红字冲销后金额', case when reimbursed_amount <> amount then reimbursed_amount end,
            '报销单号', claim_no,
            '标准出处', standard_source,
            '标准生效日期', standard_effective_from,
            '职级对照出处', tier_source
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行（城市间交通费）'") }}
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from tickets
)

select * from final
