{#- RF_EXP_011 非登记车辆列支车辆费用: fuel, repair, insurance or toll costs for a plate that is not in the
    subsidiary's official-vehicle register (plates compared without spaces, in upper case). Amount: the line. -#}
with lines as (
    select * from {{ ref('int_exp__claim_lines') }}
),

vehicle_lines as (
    select
        lines.*,
        upper(regexp_replace(lines.vehicle_plate, '\s', '', 'g')) as plate_normalised
    from lines
    where lines.vehicle_plate is not null
),

register as (
    select
        subsidiary_code,
        upper(regexp_replace(plate_no, '\s', '', 'g')) as plate_normalised,
        status
    from {{ ref('stg_oa__vehicle') }}
),

unregistered as (
    select vehicle_lines.*
    from vehicle_lines
    where not exists (
        select 1 from register
        where register.plate_normalised = vehicle_lines.plate_normalised
            and register.subsidiary_code = vehicle_lines.subsidiary_code
    )
),

final as (
    select
        'RF_EXP_011' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        claimant_emp_code as subject_id,
        person_name as subject_name,
        to_char(start_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '车牌号', vehicle_plate,
            '费用项目', expense_type,
            '金额', amount,
            '发生日期', start_date,
            '报销人', person_name,
            '报销单号', claim_no,
            '公务用车登记', '本单位公务用车登记台账中无此车牌',
            '标准出处', '中央八项规定精神及其实施细则；公务用车管理相关规定'
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.expense_claim_line', ['claim_no', 'line_no'],
                          "'报销单 ' || claim_no || ' 第' || line_no || '行（' || expense_type || '）'") }}
        ) as source_refs,
        claim_no || '|' || line_no as flag_key
    from unregistered
)

select * from final
