{#- RF_EXP_011 非登记车辆列支车辆费用: fuel, repair, insurance or toll costs for a plate that is not in the
    subsidiary's official-vehicle register, or whose register entry was disposed of (已处置) before the cost
    (the entry's last change is taken as the disposal date). Plates on both sides are compared on their
    normalised key (norm_plate: 京A·12345 = 京A 12345 = 京a12345 = full-width forms; 无, /, N/A are no plate). A red-ink (红字冲销) line and
    the line it reverses in full reimbursed nothing (reimbursed_line), nor did a claim turned down (驳回, 退回,
    审批不通过 ...: claim_turned_down). Amount: the line, net of partial red-ink
    reversals of the same invoice (reimbursed_amounts). -#}
with claim_lines as (
    select * from {{ ref('int_exp__claim_lines') }}
),

vehicle_lines as (
    select lines.*, coalesce(net.reimbursed_amount, lines.amount) as reimbursed_amount
    from claim_lines as lines
    left join {{ reimbursed_amounts() }} as net on net.claim_no = lines.claim_no and net.line_no = lines.line_no
    -- a plate written 无, / or N/A is no plate (norm_plate; rows landed before it knew so are read again here)
    where {{ norm_optional_code('lines.plate_key') }} is not null
        -- a claim turned down (驳回, 退回, 审批不通过 ...) paid for nothing
        and not {{ claim_turned_down('lines.approval_status') }}
        -- a red-ink line, or a line it reversed in full (at once or in parts), reimbursed nothing
        and {{ reimbursed_line('lines') }}
        and coalesce(net.reimbursed_amount, lines.amount) > 0
),

vehicles as (
    select * from {{ ref('stg_oa__vehicle') }}
),

register as (
    select
        subsidiary_code,
        plate_no,
        status,
        cast(modified_at as date) as changed_on,
        {{ norm_plate('plate_no') }} as plate_key
    from vehicles
),

unregistered as (
    select vehicle_lines.*
    from vehicle_lines
    where not exists (
        select 1 from register
        where register.plate_key = vehicle_lines.plate_key
            and register.subsidiary_code = vehicle_lines.subsidiary_code
            and ({{ norm_disposed_status('register.status') }} is distinct from '已处置' or vehicle_lines.start_date <= register.changed_on)
    )
),

-- a plate that was registered here and disposed of before the cost
explained as (
    select
        unregistered.*,
        disposed.plate_no as disposed_plate,
        disposed.changed_on as disposed_on
    from unregistered
    left join lateral (
        select register.plate_no, register.changed_on from register
        where register.plate_key = unregistered.plate_key
            and register.subsidiary_code = unregistered.subsidiary_code
        order by register.changed_on desc
        limit 1
    ) as disposed on true
),

final as (
    select
        'RF_EXP_011' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        claimant_emp_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        reimbursed_amount as amount,
        jsonb_build_object(
            '车牌号', vehicle_plate,
            '车牌（规范后）', plate_key,
            '费用项目', expense_type,
            '金额', amount,
            '红字冲销后金额', case when reimbursed_amount <> amount then reimbursed_amount end,
            '发生日期', start_date,
            '报销人', person_name,
            '报销单号', claim_no,
            '公务用车登记', case when disposed_plate is null then '本单位公务用车登记台账中无此车牌'
                else '登记车辆' || disposed_plate || '已于' || disposed_on || '前处置' end,
            '标准出处', '中央八项规定精神及其实施细则；公务用车管理相关规定'
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行（' || expense_type || '）'") }}
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from explained
)

select * from final
