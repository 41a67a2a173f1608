{#- RF_JE_004 制单与审核为同一人: vouchers checked by the person who prepared them. Who is one person:
    - both codes recorded: the same code (normalised); a namesake with another code is another person;
    - neither code recorded (only names, as some ledgers and older NC exports keep them): the same name
      (normalised: full-width forms, spaces);
    - a code on one side only: that code's name in the HR employee master (the name recorded beside it when
      the master does not know the code) against the other side's name.
    Unchecked vouchers are not judged. Preparing and posting by one person is not this rule.
    Amount: the voucher's total debit. -#}
with vouchers as (
    select * from {{ ref('int_gl__vouchers') }}
    where checked_at is not null or checker_code_key is not null or checker_name_key is not null
),

employees as (
    select
        {{ norm_emp_code('emp_code') }} as emp_code_key,
        min({{ norm_name('emp_name') }}) as emp_name_key
    from {{ ref('stg_hr__employee') }}
    group by 1
),

resolved as (
    select
        vouchers.*,
        coalesce(preparer_master.emp_name_key, vouchers.preparer_name_key) as preparer_person_name,
        coalesce(checker_master.emp_name_key, vouchers.checker_name_key) as checker_person_name
    from vouchers
    left join employees as preparer_master on preparer_master.emp_code_key = vouchers.preparer_code_key
    left join employees as checker_master on checker_master.emp_code_key = vouchers.checker_code_key
),

judged as (
    select
        resolved.*,
        case
            when preparer_code_key is not null and checker_code_key is not null then '编码相同'
            when preparer_code_key is null and checker_code_key is null then '未记录编码，姓名相同'
            else '一方未记录编码，按人员档案姓名相同'
        end as matched_by
    from resolved
    where case
        when preparer_code_key is not null and checker_code_key is not null
            then preparer_code_key = checker_code_key
        else preparer_person_name = checker_person_name
    end
),

final as (
    select
        'RF_JE_004' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        coalesce(nullif(btrim(preparer_code), ''), preparer_name) as subject_id,
        preparer_name as subject_name,
        to_char(prepared_date, 'YYYY-MM') as period,
        total_debit as amount,
        jsonb_build_object(
            '凭证号', voucher_label,
            '摘要', voucher_summary,
            '凭证金额', total_debit,
            '来源', source_type,
            '制单人', preparer_name || coalesce('（' || nullif(btrim(preparer_code), '') || '）', '（未记录编码）'),
            '审核人', checker_name || coalesce('（' || nullif(btrim(checker_code), '') || '）', '（未记录编码）'),
            '判定依据', matched_by,
            '记账人', poster_name,
            '制单日期', prepared_date,
            '审核时间', checked_at
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from judged
)

select * from final
