{#- RF_EXP_003 无审批或超审批日期出差: a travel claim that cites no OA travel request, cites one that was not
    approved, or whose travel dates (first departure to last return on its lines) fall outside the approved
    dates. Amount: the claim. -#}
with travel_lines as (
    select * from {{ ref('int_exp__claim_lines') }}
    where claim_type = '差旅费'
),

requests as (
    select * from {{ ref('stg_oa__travel_request') }}
),

trips as (
    select
        claim_no,
        min(subsidiary_code) as subsidiary_code,
        min(claimant_emp_code) as claimant_emp_code,
        min(person_name) filter (where person_code = claimant_emp_code) as claimant_name,
        min(oa_request_id) as oa_request_id,
        min(claim_date) as claim_date,
        min(claim_total_amount) as claim_total_amount,
        min(dest_city) filter (where expense_type = '住宿费') as dest_city,
        min(start_date) as trip_start,
        max(coalesce(end_date, start_date)) as trip_end
    from travel_lines
    group by claim_no
),

judged as (
    select
        trips.*,
        requests.request_id,
        requests.status as request_status,
        requests.start_date as approved_start,
        requests.end_date as approved_end,
        case
            when trips.oa_request_id is null then '无出差审批单'
            when requests.request_id is null then '引用的出差审批单不存在'
            when requests.status <> '已批准' then '出差审批状态为' || requests.status
            when trips.trip_start < requests.start_date then '实际出发早于批准日期'
            when trips.trip_end > requests.end_date then '实际返回晚于批准日期'
        end as finding
    from trips
    left join requests on requests.request_id = trips.oa_request_id
),

final as (
    select
        'RF_EXP_003' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        claimant_emp_code as subject_id,
        claimant_name as subject_name,
        to_char(trip_start, 'YYYY-MM') as period,
        claim_total_amount as amount,
        jsonb_build_object(
            '问题', finding,
            '报销人', claimant_name,
            '报销单号', claim_no,
            '报销日期', claim_date,
            '目的地', dest_city,
            '实际出差日期', trip_start || ' 至 ' || trip_end,
            '审批单号', request_id,
            '审批状态', request_status,
            '批准出差日期', case when request_id is not null then approved_start || ' 至 ' || approved_end end,
            '报销金额', claim_total_amount,
            '标准出处', '财行〔2013〕531号（出差审批制度）；集团差旅费管理办法'
        ) as evidence,
        jsonb_build_array({{ source_ref('nc_erp.expense_claim', ['claim_no'], "'报销单 ' || claim_no") }})
            || case when request_id is null then '[]'::jsonb else jsonb_build_array(
                {{ source_ref('oa.travel_request', ['request_id'], "'出差申请 ' || request_id") }}) end
            as source_refs,
        claim_no as flag_key
    from judged
    where finding is not null
)

select * from final
