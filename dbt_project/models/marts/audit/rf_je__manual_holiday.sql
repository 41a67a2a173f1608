{#- RF_JE_001 节假日手工凭证: manual vouchers prepared on a weekend or a public holiday of std_public_holidays,
    except on a 调休上班 make-up working day. System-generated vouchers (interfaces run on any day) are not
    judged. A year whose notice the calendar does not hold (fct_calendar_coverage: 未覆盖) is judged on weekends
    alone, and its findings say so in 日历覆盖: its holidays are not known, nor are its make-up Saturdays, so
    the finding is incomplete rather than the holiday a working day. Amount: the voucher's total debit. -#}
with vouchers as (
    select * from {{ ref('int_gl__vouchers') }}
    where source_type = '手工'
),

calendar as (
    select * from {{ ref('std_public_holidays') }}
),

coverage as (
    select * from {{ ref('fct_calendar_coverage') }}
),

judged as (
    select
        vouchers.*,
        calendar.holiday_name,
        calendar.day_type,
        calendar.source as calendar_source,
        coalesce(coverage.is_covered, false) as is_covered,
        extract(isodow from vouchers.prepared_date) as iso_weekday
    from vouchers
    left join calendar on calendar.calendar_date = vouchers.prepared_date
    left join coverage on coverage.calendar_year = extract(year from vouchers.prepared_date)
    where calendar.day_type = '节假日'
        or (calendar.day_type is null and extract(isodow from vouchers.prepared_date) in (6, 7))
),

final as (
    select
        'RF_JE_001' as rule_id,
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
            '制单人', preparer_name,
            '审核人', checker_name,
            '制单日期', prepared_date,
            '制单时间', prepared_at,
            '记账时间', posted_at,
            '星期', (array['一', '二', '三', '四', '五', '六', '日'])[iso_weekday],
            '节假日', coalesce(holiday_name, '周末'),
            '日历出处', coalesce(calendar_source, '公历周末（非调休上班日）'),
            '日历覆盖', case
                when is_covered then '已覆盖'
                else '未覆盖（' || to_char(prepared_date, 'YYYY') || '年放假安排未导入），仅按周末判断'
            end
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from judged
)

select * from final
