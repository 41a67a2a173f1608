{#- 节假日日历覆盖: per notice year, whether std_public_holidays holds that year's State Council notice, against
    the years RF_JE_001 judges (the notice years of the days manual vouchers were prepared on, and of the as-of
    date; from 20 December a day belongs to the next year's notice: macros/holiday_notice_year.sql). A
    judged year without its notice is 未覆盖: RF_JE_001 then judges only weekends for it (元旦, 春节 and the
    other holidays, and the 调休 make-up Saturdays, are unknown) and marks its findings so; the run summary,
    the scorecard and the weekly report say it. Import the notice with `jiandu standards holidays import`. -#}
with calendar as (
    select * from {{ ref('std_public_holidays') }}
),

vouchers as (
    select * from {{ ref('int_gl__vouchers') }}
    where source_type = '手工'
),

notices as (
    select
        notice_year as calendar_year,
        count(*) as notice_rows,
        count(*) filter (where day_type = '节假日') as holiday_days,
        count(*) filter (where day_type = '调休上班') as makeup_workdays,
        min(calendar_date) as first_listed_date,
        max(calendar_date) as last_listed_date,
        max(source) as calendar_source
    from calendar
    group by notice_year
),

judged as (
    select
        {{ holiday_notice_year('prepared_date') }} as calendar_year,
        count(*) as manual_vouchers,
        min(prepared_date) as first_prepared_date,
        max(prepared_date) as last_prepared_date
    from vouchers
    group by 1
),

years as (
    select calendar_year from notices
    union
    select calendar_year from judged
    union
    select {{ holiday_notice_year(as_of_date()) }}
),

final as (
    select
        -- ids
        years.calendar_year,
        -- strings
        case when notices.calendar_year is not null then '已覆盖' else '未覆盖' end as coverage_status,
        case
            when notices.calendar_year is not null
                then years.calendar_year || '年放假安排已导入（' || notices.calendar_source || '）'
            else years.calendar_year || '年放假安排未导入：节假日手工凭证（RF_JE_001）' || years.calendar_year
                || '年仅按周末判断，元旦、春节等法定节假日和调休上班日未判断；请用 jiandu standards holidays import 导入国务院办公厅通知'
        end as coverage_message,
        notices.calendar_source,
        -- numbers
        coalesce(notices.notice_rows, 0) as notice_rows,
        coalesce(notices.holiday_days, 0) as holiday_days,
        coalesce(notices.makeup_workdays, 0) as makeup_workdays,
        coalesce(judged.manual_vouchers, 0) as manual_vouchers,
        -- booleans
        notices.calendar_year is not null as is_covered,
        judged.calendar_year is not null or years.calendar_year = {{ holiday_notice_year(as_of_date()) }} as is_judged,
        -- dates
        notices.first_listed_date,
        notices.last_listed_date,
        judged.first_prepared_date,
        judged.last_prepared_date
    from years
    left join notices on notices.calendar_year = years.calendar_year
    left join judged on judged.calendar_year = years.calendar_year
)

select * from final
