{#- RF_JE_001 节假日手工凭证: manual vouchers prepared on a weekend or a public holiday of std_public_holidays,
    except on a 调休上班 make-up working day. System-generated vouchers (interfaces run on any day) are not
    judged. Amount: the voucher's total debit. -#}
with lines as (
    select * from {{ ref('int_gl__lines') }}
    where source_type = '手工'
),

calendar as (
    select * from {{ ref('std_public_holidays') }}
),

{#- The day is judged on the lines (prepared_date is the voucher's), so only vouchers prepared on a day off
    are grouped: grouping every manual voucher first took most of the rule's 11 s at tier M. -#}
off_day_lines as (
    select
        lines.*,
        calendar.holiday_name,
        calendar.day_type,
        calendar.source as calendar_source,
        extract(isodow from lines.prepared_date) as iso_weekday
    from lines
    left join calendar on calendar.calendar_date = lines.prepared_date
    where calendar.day_type = '节假日'
        or (calendar.day_type is null and extract(isodow from lines.prepared_date) in (6, 7))
),

judged as (
    select
        voucher_id,
        subsidiary_code,
        voucher_label,
        voucher_summary,
        preparer_code,
        preparer_name,
        checker_name,
        prepared_date,
        prepared_at,
        posted_at,
        holiday_name,
        day_type,
        calendar_source,
        iso_weekday,
        sum(debit) as total_debit
    from off_day_lines
    group by voucher_id, subsidiary_code, voucher_label, voucher_summary, preparer_code, preparer_name,
        checker_name, prepared_date, prepared_at, posted_at, holiday_name, day_type, calendar_source, iso_weekday
),

final as (
    select
        'RF_JE_001' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        preparer_code as subject_id,
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
            '日历出处', coalesce(calendar_source, '公历周末（非调休上班日）')
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from judged
)

select * from final
