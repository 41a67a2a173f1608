{#- RF_SZYD_002 决策会议到会人数不足: a collective-decision meeting that passed at least one item while fewer of the
    body's serving members were present than its rules require for that item (std_szyd_quorum in force on the
    meeting date: more than, or at least, a share of the members; a row for the item's kind, e.g. 干部任免 needing
    two thirds of the 党委会, before the body's general row; a subsidiary's own rule before the group's). Serving
    members: the body's members of that subsidiary whose term covers the meeting date; present: those of them
    signed in as 出席 (people sitting in, 列席, and anyone not serving that day do not count; employee codes
    compared with norm_emp_code; a member signed in twice counts once). A meeting whose body has no member on
    record is not judged here. Meeting types and members' bodies are read with norm_meeting_body (a meeting OA
    records as 董事会会议 is a meeting of the 董事会). One flag per meeting, listing the passed items taken without their quorum.
    Amount (context, 参考数): what those items decided; an appointment (干部任免) carries none. -#}
with meetings as (
    -- the body as the standards and the member roster name it (董事会会议 is the 董事会: norm_meeting_body)
    select
        meeting_no,
        subsidiary_code,
        {{ norm_meeting_body('meeting_type') }} as meeting_type,
        meeting_type as meeting_type_as_written,
        meeting_date,
        chair_emp_code,
        modified_at,
        batch_id
    from {{ ref('stg_oa__decision_meeting') }}
),

decisions as (
    select * from {{ ref('int_gov__decisions') }}
),

members as (
    select
        *,
        {{ norm_emp_code('emp_code') }} as emp_key,
        {{ norm_meeting_body('body') }} as body_key
    from {{ ref('stg_oa__decision_body_member') }}
),

attendees as (
    select
        *,
        {{ norm_emp_code('emp_code') }} as emp_key,
        {{ norm_attendance('attendance') }} as attendance_key
    from {{ ref('stg_oa__meeting_attendee') }}
),

standards as (
    select * from {{ ref('std_szyd_quorum') }}
),

serving as (
    -- one row per member serving on the meeting day (a member recorded twice counts once)
    select distinct on (meetings.meeting_no, members.emp_key)
        meetings.meeting_no,
        members.emp_key,
        members.emp_name,
        members.role,
        attendees.attendance_key
    from meetings
    inner join members
        on members.subsidiary_code = meetings.subsidiary_code
        and members.body_key = meetings.meeting_type
        and members.start_date <= meetings.meeting_date
        and (members.end_date is null or members.end_date >= meetings.meeting_date)
    left join attendees
        on attendees.meeting_no = meetings.meeting_no
        and attendees.emp_key = members.emp_key
    order by meetings.meeting_no, members.emp_key, attendees.attendance_key = '出席' desc nulls last
),

counted as (
    select
        meeting_no,
        count(*) as member_count,
        count(*) filter (where attendance_key = '出席') as present_count,
        jsonb_agg(jsonb_build_object('姓名', emp_name, '职务', role,
                                     '出席情况', coalesce(attendance_key, '未签到'))
                  order by attendance_key = '出席' desc nulls last, emp_key) as member_detail
    from serving
    group by meeting_no
),

not_counted as (
    -- signed in but not counted: sitting in, or not serving on the body that day
    select
        attendees.meeting_no,
        jsonb_agg(jsonb_build_object('姓名', attendees.emp_name, '人员编码', attendees.emp_code,
                                     '出席情况', attendees.attendance_key,
                                     '不计入原因', case when attendees.attendance_key = '列席' then '列席人员'
                                                   else '会议当日非该决策机构在任成员' end)
                  order by attendees.emp_key) as detail
    from attendees
    where not exists (select 1 from serving
                      where serving.meeting_no = attendees.meeting_no and serving.emp_key = attendees.emp_key)
    group by attendees.meeting_no
),

-- every passed item with the quorum its kind needs at its meeting
items as (
    select
        decisions.*,
        counted.member_count,
        counted.present_count,
        std.matter_kind as standard_kind,
        std.share_numerator,
        std.share_denominator,
        std.strictly_more,
        std.source as standard_source,
        std.effective_from as standard_effective_from,
        -- the fewest members present that satisfy the rule
        case when std.strictly_more then counted.member_count * std.share_numerator / std.share_denominator + 1
             else (counted.member_count * std.share_numerator + std.share_denominator - 1) / std.share_denominator
        end as required_count
    from decisions
    inner join meetings on meetings.meeting_no = decisions.meeting_no
    inner join counted on counted.meeting_no = decisions.meeting_no
    inner join lateral (
        select standards.*
        from standards
        where standards.meeting_type = meetings.meeting_type
            and (standards.subsidiary_code = meetings.subsidiary_code or standards.subsidiary_code is null)
            and {{ in_force('meetings.meeting_date', 'standards') }}
            and (nullif(btrim(standards.matter_kind), '') is null
                 or {{ norm_text('standards.matter_kind') }} = {{ norm_text('decisions.matter_category') }})
        order by nullif(btrim(standards.matter_kind), '') is null, standards.subsidiary_code is null
        limit 1
    ) as std on true
    where decisions.resolution_key = '通过'
),

short as (
    select
        meeting_no,
        count(*) as item_count,
        cast(sum(coalesce(amount, 0)) as numeric(18, 2)) as amount,
        string_agg(distinct case when strictly_more then '超过' else '达到' end || share_numerator || '/'
                   || share_denominator || '（' || member_count || '人中至少' || required_count || '人'
                   || coalesce('，' || standard_kind || '议题', '') || '）', '；') as requirement,
        jsonb_agg(jsonb_build_object('议题编号', item_no, '议题', item_title, '事项类别', matter_category,
                                     '决策金额', amount, '到会要求人数', required_count,
                                     '标准出处', standard_source, '标准生效日期', standard_effective_from)
                  order by item_no) as detail,
        jsonb_agg({{ source_ref('oa.decision_item', ['item_no'], "'会议决策事项 ' || item_no") }}
                  order by item_no) as refs
    from items
    where present_count < required_count
    group by meeting_no
),

judged as (
    select
        meetings.*,
        counted.member_count,
        counted.present_count,
        counted.member_detail,
        not_counted.detail as not_counted_detail,
        short.item_count,
        short.amount,
        short.requirement,
        short.detail as item_detail,
        short.refs
    from meetings
    inner join counted on counted.meeting_no = meetings.meeting_no
    inner join short on short.meeting_no = meetings.meeting_no
    left join not_counted on not_counted.meeting_no = meetings.meeting_no
),

final as (
    select
        'RF_SZYD_002' as rule_id,
        subsidiary_code,
        'meeting' as subject_type,
        meeting_no as subject_id,
        meeting_type || ' ' || meeting_date as subject_name,
        to_char(meeting_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '会议编号', meeting_no,
            '会议类型', meeting_type,
            '召开日期', meeting_date,
            '在任成员数', member_count,
            '到会成员数', present_count,
            '到会要求', requirement,
            '成员出席情况', member_detail,
            '不计入到会人数', not_counted_detail,
            '到会不足仍通过的议题数', item_count,
            '到会不足仍通过的议题', item_detail
        ) as evidence,
        jsonb_build_array({{ source_ref('oa.decision_meeting', ['meeting_no'], "'决策会议 ' || meeting_no") }})
            || refs as source_refs,
        meeting_no as flag_key
    from judged
)

select * from final
