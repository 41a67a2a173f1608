{#- RF_JE_001 节假日手工凭证: manual vouchers prepared on a weekend or a public holiday of std_public_holidays,
    except on a 调休上班 make-up working day. System-generated vouchers (interfaces run on any day) are not
    judged. The day judged is the entry time's date or the voucher date (either off is a finding). A year
    whose notice the calendar does not hold (fct_calendar_coverage: 未覆盖) is judged on weekends alone, and
    its findings say so in 日历覆盖: its holidays are not known, nor are its make-up Saturdays, so the finding
    is incomplete rather than the holiday a working day. Amount: the voucher's total debit. -#}
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

{#- The day a voucher was made: its entry time's date (制单时间, when the system stamped it) and its voucher
    date (制单日期, which the preparer may set to a working day); off on either is a finding, the entry day first. -#}
days as (
    select vouchers.*, made.judged_date, made.date_kind, made.priority
    from vouchers
    cross join lateral (
        select cast(vouchers.prepared_at as date) as judged_date, '制单时间' as date_kind, 1 as priority
        where vouchers.prepared_at is not null
        union all
        select vouchers.prepared_date, '制单日期', 2
    ) as made
),

off_days as (
    select
        days.*,
        calendar.holiday_name,
        calendar.day_type,
        calendar.source as calendar_source,
        coalesce(coverage.is_covered, false) as is_covered,
        extract(isodow from days.judged_date) as iso_weekday
    from days
    left join calendar on calendar.calendar_date = days.judged_date
    left join coverage on coverage.calendar_year = {{ holiday_notice_year('days.judged_date') }}
    where calendar.day_type = '节假日'
        or (calendar.day_type is null and extract(isodow from days.judged_date) in (6, 7))
),

judged as (
    select distinct on (voucher_id) *
    from off_days
    order by voucher_id, priority
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
            '判断日期', judged_date,
            '判断依据', date_kind || '所在日',
            '星期', (array['一', '二', '三', '四', '五', '六', '日'])[iso_weekday],
            '节假日', coalesce(holiday_name, '周末'),
            '日历出处', coalesce(calendar_source, '公历周末（非调休上班日）'),
            '日历覆盖', case
                when is_covered then '已覆盖'
                else '未覆盖（' || {{ holiday_notice_year('judged_date') }} || '年放假安排未导入），仅按周末判断'
            end
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.gl_voucher', ['voucher_id'], "'凭证 ' || voucher_label") }})
            as source_refs,
        voucher_id as flag_key
    from judged
)

select * from final
