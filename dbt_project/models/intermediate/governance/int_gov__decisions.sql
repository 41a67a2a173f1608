{#- Decision items of the collective-decision meetings with their meeting (type, date), and the keys the
    三重一大 rules compare: the item number as a code (norm_code: a payment may write it in lower case, with
    spaces or full-width forms), the party committee item a board or office item rests on (前置研究议题编号, a code
    too), the resolution as text, and the meeting's body as the standards name it (norm_meeting_body: a meeting
    OA records as 董事会会议 or 总经理办公会议 is the 董事会 or the 总经理办公会; meeting_type_as_written keeps the
    export's words). -#}
with items as (
    select * from {{ ref('stg_oa__decision_item') }}
),

meetings as (
    select * from {{ ref('stg_oa__decision_meeting') }}
),

final as (
    select
        -- ids
        items.item_no,
        items.meeting_no,
        items.subsidiary_code,
        items.prestudy_item_no,
        -- strings
        items.item_title,
        items.matter_category,
        {{ norm_meeting_body('meetings.meeting_type') }} as meeting_type,
        meetings.meeting_type as meeting_type_as_written,
        -- amounts
        items.amount,
        -- dates
        meetings.meeting_date,
        -- keys
        {{ norm_code('items.item_no') }} as item_key,
        {{ norm_code('items.prestudy_item_no') }} as prestudy_key,
        {{ norm_resolution('items.resolution') }} as resolution_key
    from items
    left join meetings
        on meetings.meeting_no = items.meeting_no
        and meetings.subsidiary_code = items.subsidiary_code
)

select * from final
