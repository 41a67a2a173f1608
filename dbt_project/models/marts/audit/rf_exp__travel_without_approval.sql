{#- RF_EXP_003 无审批或超审批日期出差: judged per trip. A travel claim's lines are grouped by traveller into trips
    (lines of one traveller whose dates touch or overlap form one trip; a claim may hold several trips and
    several travellers). A trip is covered when every one of its days lies within an approved (已批准) OA travel
    request of the SAME traveller (the cited one or another, e.g. an approved extension). An uncovered trip is
    flagged, with why: no request cited, the cited request does not exist, is another person's, is not
    approved, or its dates do not cover the trip. Rejected or voided claims (驳回, 已驳回, 退回, 作废: norm_approval_status) were
    not reimbursed and are not judged; a claim is a travel claim when its type says 差旅 (差旅费, 差旅报销).
    Employee codes are compared with norm_emp_code (OA's S01E40 is ERP's S01E0040).
    One flag per claim; amount: the lines of its uncovered trips (a claim whose uncovered lines net to nothing or
    less, a red-ink reversal, is not flagged). -#}
with travel_lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    where {{ norm_text('claim_type') }} like '%差旅%' and not {{ claim_turned_down('approval_status') }}
),

travel_requests as (
    select * from {{ ref('stg_oa__travel_request') }}
),

requests as (
    select
        travel_requests.*,
        {{ norm_code('travel_requests.request_id') }} as request_key,
        {{ norm_emp_code('travel_requests.traveller_emp_code') }} as traveller_key
    from travel_requests
),

-- a line starts a new trip when it begins more than a day after everything before it has ended
segmented as (
    select
        travel_lines.*,
        {{ norm_emp_code('travel_lines.person_code') }} as person_key,
        case when start_date > max(coalesce(end_date, start_date)) over (
                partition by claim_no, person_code order by start_date, line_no
                rows between unbounded preceding and 1 preceding) + 1
             then 1 else 0 end as starts_trip
    from travel_lines
),

numbered as (
    select
        segmented.*,
        sum(starts_trip) over (partition by claim_no, person_code order by start_date, line_no) as trip_no
    from segmented
),

trips as (
    select
        claim_no,
        person_code,
        trip_no,
        min(person_key) as person_key,
        min(subsidiary_code) as subsidiary_code,
        min(claimant_emp_code) as claimant_emp_code,
        min(person_name) as person_name,
        min(oa_request_id) as oa_request_id,
        min(claim_date) as claim_date,
        min(claim_total_amount) as claim_total_amount,
        string_agg(distinct dest_city, '、') as dest_cities,
        sum(amount) as trip_amount,
        min(start_date) as trip_start,
        max(coalesce(end_date, start_date)) as trip_end,
        count(*) as line_count
    from numbered
    group by claim_no, person_code, trip_no
),

-- every day of every trip (at most a year: a mistyped end date must not explode the table)
trip_days as (
    select trips.claim_no, trips.person_code, trips.trip_no, trips.person_key, d.day::date as day
    from trips
    cross join lateral generate_series(
        trips.trip_start, least(trips.trip_end, trips.trip_start + 366), interval '1 day') as d (day)
),

approved as (
    select traveller_key, start_date, end_date from requests where {{ norm_approval_status('status') }} = '已批准'
),

uncovered as (
    select claim_no, person_code, trip_no, count(*) as uncovered_days
    from trip_days
    where not exists (
        select 1 from approved
        where approved.traveller_key = trip_days.person_key
            and trip_days.day between approved.start_date and approved.end_date
    )
    group by claim_no, person_code, trip_no
),

covered as (
    select trips.*, uncovered.uncovered_days
    from trips
    inner join uncovered
        on uncovered.claim_no = trips.claim_no
        and uncovered.person_code = trips.person_code
        and uncovered.trip_no = trips.trip_no
),

judged as (
    select
        covered.*,
        cited.request_id,
        cited.traveller_emp_code as request_traveller,
        cited.status as request_status,
        cited.start_date as approved_start,
        cited.end_date as approved_end,
        case
            when covered.oa_request_id is null then '无出差审批单'
            when cited.request_id is null then '引用的出差审批单不存在'
            when cited.traveller_key is distinct from covered.person_key
                then '引用的出差审批单出差人为' || cited.traveller_emp_code || '，不是本人'
            when {{ norm_approval_status('cited.status') }} <> '已批准' then '出差审批状态为' || cited.status
            when covered.trip_start < cited.start_date then '实际出发早于批准日期'
            when covered.trip_end > cited.end_date then '实际返回晚于批准日期'
            else '出差日期不在批准日期内'
        end as finding
    from covered
    left join requests as cited on cited.request_key = {{ norm_code('covered.oa_request_id') }}
),

per_claim as (
    select
        claim_no,
        min(subsidiary_code) as subsidiary_code,
        (array_agg(person_code order by trip_start))[1] as person_code,
        (array_agg(person_name order by trip_start))[1] as person_name,
        min(trip_start) as first_trip_start,
        min(claim_date) as claim_date,
        min(claim_total_amount) as claim_total_amount,
        sum(trip_amount) as amount,
        min(request_id) as request_id,
        string_agg(finding, '；' order by trip_start) as findings,
        jsonb_agg(jsonb_build_object(
            '出差人', person_name,
            '目的地', dest_cities,
            '实际出差日期', trip_start || ' 至 ' || trip_end,
            '未获批准天数', uncovered_days,
            '问题', finding,
            '引用审批单号', request_id,
            '审批单出差人', request_traveller,
            '审批状态', request_status,
            '批准出差日期', case when request_id is not null then approved_start || ' 至 ' || approved_end end,
            '行程金额', trip_amount
        ) order by trip_start) as trips_detail
    from judged
    group by claim_no
    -- a red-ink (红字冲销) claim that only reverses a trip reimbursed nothing
    having sum(trip_amount) > 0
),

final as (
    select
        'RF_EXP_003' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        person_code as subject_id,
        person_name as subject_name,
        to_char(first_trip_start, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '问题', findings,
            '报销单号', claim_no,
            '报销日期', claim_date,
            '报销金额', claim_total_amount,
            '未获批准行程金额', amount,
            '行程', trips_detail,
            '标准出处', '财行〔2013〕531号（出差审批制度）；集团差旅费管理办法'
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.expense_claim', ['claim_no'], "'报销单 ' || claim_no") }})
            || case when request_id is null then '[]'::jsonb else jsonb_build_array(
                {{ source_ref('oa.travel_request', ['request_id'], "'出差申请 ' || request_id") }}) end
            as source_refs,
        claim_no as flag_key
    from per_claim
)

select * from final
